package io.fleetstream.operators.alarm.fleet;

import static io.fleetstream.operators.alarm.RuleState.NONE;

import io.fleetstream.model.AlarmCommand;
import io.fleetstream.model.AlarmEvent;
import io.fleetstream.operators.alarm.Commands;
import io.fleetstream.operators.alarm.Transitions;
import io.fleetstream.operators.alarm.rules.Fleet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The fleet rules of device groups, free of Flink so it can be tested directly. Callers feed a group's inputs in
 * event-time order; the group decides after each instant (every input of one event time applied), so the devices
 * whose alarms went active at the same moment count together, and deadlines (a clear's {@code clear-for}, a device
 * dropping out of "seen within the window") fire at their exact event time before the inputs of that time.
 */
final class FleetEngine {
    private final List<Fleet> fleets;
    private final Map<String, List<Fleet>> byGroup = new HashMap<>();

    FleetEngine(List<Fleet> fleets) {
        this.fleets = List.copyOf(fleets);
    }

    List<Fleet> forGroup(String group) {
        return byGroup.computeIfAbsent(group, g -> {
            List<Fleet> matching = new ArrayList<>();
            for (Fleet f : fleets) {
                if (f.appliesTo(g)) {
                    matching.add(f);
                }
            }
            return List.copyOf(matching);
        });
    }

    /** The group's state, its rules in step with the rules now (a changed file keeps the state of those that stay). */
    GroupFleet align(GroupFleet g, String group) {
        if (g == null) {
            g = new GroupFleet();
            g.group = group;
        }
        List<Fleet> rules = forGroup(group);
        if (g.rules.length == rules.size() && matches(g.rules, rules)) {
            return g;
        }
        FleetState[] states = new FleetState[rules.size()];
        for (int i = 0; i < states.length; i++) {
            for (FleetState s : g.rules) {
                if (s.rule.equals(rules.get(i).rule)) {
                    states[i] = s;
                }
            }
            if (states[i] == null) {
                states[i] = new FleetState();
                states[i].rule = rules.get(i).rule;
            }
        }
        g.rules = states;
        return g;
    }

    private static boolean matches(FleetState[] states, List<Fleet> rules) {
        for (int i = 0; i < states.length; i++) {
            if (!states[i].rule.equals(rules.get(i).rule)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Applies a group's inputs (in event-time order, none after {@code upTo}) and then its deadlines up to
     * {@code upTo}. An input behind the group's clock applies at the clock: a per-device transition is never
     * dropped, or the group would count a device as active for good, and a person's command takes effect from there.
     * Within an instant the devices' inputs count, the group decides, the devices' events go out, and then the
     * operators' commands given at that instant apply (as a device's commands after its readings), after which the
     * group decides again: a reset alarm whose devices are still down is raised anew at once.
     *
     * @return the commands for a group none of whose rules is a fleet rule (nothing for them to act on)
     */
    int apply(GroupFleet g, List<FleetInput> due, long upTo, Consumer<AlarmEvent> out) {
        int ignored = 0;
        int i = 0;
        while (i < due.size()) {
            long t = Math.max(due.get(i).eventTime, g.clock);
            int end = i;
            while (end < due.size() && Math.max(due.get(end).eventTime, g.clock) == t) {
                end++;
            }
            advanceTo(g, t, out);
            for (int k = i; k < end; k++) {
                if (due.get(k).command == null) {
                    take(g, due.get(k));
                }
            }
            g.clock = Math.max(g.clock, t);
            decide(g, t, out);
            // the devices' own events go out after the group decided at their instant: the one that raised the
            // fleet alarm is covered by it
            for (int k = i; k < end; k++) {
                if (due.get(k).alarm != null) {
                    out.accept(FleetEvents.covered(due.get(k).alarm, forGroup(g.group), g.rules));
                }
            }
            boolean commanded = false;
            for (int k = i; k < end; k++) {
                if (due.get(k).command != null) {
                    commanded = true;
                    ignored += command(g, t, due.get(k).command, out) ? 0 : 1;
                }
            }
            if (commanded) {
                decide(g, t, out);
            }
            i = end;
        }
        advanceTo(g, upTo, out);
        return ignored;
    }

    /** Applies an operator's command to the group's fleet rules it addresses; false when the group has none. */
    private boolean command(GroupFleet g, long t, AlarmCommand c, Consumer<AlarmEvent> out) {
        List<Fleet> rules = forGroup(g.group);
        for (int r = 0; r < rules.size(); r++) {
            Fleet f = rules.get(r);
            FleetState s = g.rules[r];
            Commands.apply(c, t, f.rule, s.alarmId, s.acknowledged,
                    (state, closes, why) -> FleetEvents.command(g.group, f, s, state, t, closes, why),
                    () -> s.acknowledged = true, until -> s.resetShelvedUntil(until), out);
        }
        return !rules.isEmpty();
    }

    private void take(GroupFleet g, FleetInput in) {
        if (in.alarm == null) {
            SortedIds.see(g, in.deviceId, Math.floorDiv(in.eventTime, Fleet.SEEN_SLICE_MILLIS)
                    * Fleet.SEEN_SLICE_MILLIS);
            return;
        }
        List<Fleet> rules = forGroup(g.group);
        boolean active = in.alarm.clearedAt == null;
        for (int r = 0; r < rules.size(); r++) {
            if (rules.get(r).of.equals(in.alarm.rule)) {
                FleetState s = g.rules[r];
                s.active = active ? SortedIds.add(s.active, in.deviceId) : SortedIds.remove(s.active, in.deviceId);
            }
        }
    }

    /** Fires the group's deadlines up to and including {@code time}, in event-time order. */
    void advanceTo(GroupFleet g, long time, Consumer<AlarmEvent> out) {
        long next;
        while ((next = nextDeadline(g)) != NONE && next <= time) {
            g.clock = Math.max(g.clock, next);
            decide(g, next, out);
        }
    }

    /** The group's earliest deadline after its clock, NONE when it has none. */
    long nextDeadline(GroupFleet g) {
        long next = Long.MAX_VALUE;
        List<Fleet> rules = forGroup(g.group);
        for (int r = 0; r < rules.size(); r++) {
            FleetState s = g.rules[r];
            if (s.raised() && s.belowSince != NONE) {
                next = Math.min(next, s.belowSince + rules.get(r).clearForMillis);
            }
            if (s.shelvedUntil != NONE) {
                next = Math.min(next, s.shelvedUntil);
            }
        }
        // a device drops out of a share rule's seen devices when its window has passed the minute it last reported
        // in (and out of the state once the longest window has)
        for (long window : windows(rules)) {
            for (long minute : g.seenMinutes) {
                long until = minute + Fleet.SEEN_SLICE_MILLIS + window;
                if (until > g.clock) {
                    next = Math.min(next, until);
                }
            }
        }
        return next == Long.MAX_VALUE ? NONE : next;
    }

    /** The share rules' windows, or 0 when there are none (devices seen are then kept for nothing). */
    private static long[] windows(List<Fleet> rules) {
        long[] windows = rules.stream().filter(Fleet::byShare).mapToLong(f -> f.windowMillis).distinct().toArray();
        return windows.length == 0 ? new long[] {0} : windows;
    }

    /** Whether the group holds nothing worth keeping: no alarm, no active device, no device seen. */
    boolean idle(GroupFleet g) {
        if (g.seenDevices.length > 0) {
            return false;
        }
        for (FleetState s : g.rules) {
            if (s.raised() || s.active.length > 0 || s.shelvedUntil != NONE) {
                return false;
            }
        }
        return true;
    }

    /** Raises or clears each of the group's rules as it stands at {@code t}. */
    private void decide(GroupFleet g, long t, Consumer<AlarmEvent> out) {
        List<Fleet> rules = forGroup(g.group);
        long longest = 0;
        for (long window : windows(rules)) {
            longest = Math.max(longest, window);
        }
        SortedIds.forgetSeenUpTo(g, t - Fleet.SEEN_SLICE_MILLIS - longest);
        for (int r = 0; r < rules.size(); r++) {
            FleetState s = g.rules[r];
            if (s.shelvedUntil != NONE) {
                if (t < s.shelvedUntil) {
                    continue;
                }
                // back from the shelf, the group decides afresh: devices still down raise a new alarm now
                s.shelvedUntil = NONE;
            }
            decide(g, rules.get(r), s, t, out);
        }
    }

    private void decide(GroupFleet g, Fleet f, FleetState s, long t, Consumer<AlarmEvent> out) {
        int seen = f.byShare() ? seen(g, f, s, t) : 0;
        int n = s.active.length;
        if (!s.raised()) {
            if (n >= f.raiseAt(seen)) {
                s.alarmId = Transitions.groupAlarmId(g.group, f.rule, t);
                s.raisedAt = t;
                s.belowSince = NONE;
                out.accept(FleetEvents.raised(g.group, f, s, t, seen));
            }
            return;
        }
        if (n >= f.clearBelow(seen)) {
            s.belowSince = NONE;
            return;
        }
        if (s.belowSince == NONE) {
            s.belowSince = t;
        }
        if (t >= s.belowSince + f.clearForMillis) {
            out.accept(FleetEvents.cleared(g.group, f, s, t, seen));
            s.resetShelvedUntil(NONE);
        }
    }

    /**
     * The group's devices seen within the rule's window at {@code t}, counting every device with an active alarm
     * too: an offline device stays one of the group's while its alarm is active.
     */
    private static int seen(GroupFleet g, Fleet f, FleetState s, long t) {
        long oldest = t - Fleet.SEEN_SLICE_MILLIS - f.windowMillis;
        int seen = 0;
        for (int i = 0; i < g.seenDevices.length; i++) {
            if (g.seenMinutes[i] > oldest || SortedIds.contains(s.active, g.seenDevices[i])) {
                seen++;
            }
        }
        for (String device : s.active) {
            if (!SortedIds.contains(g.seenDevices, device)) {
                seen++;
            }
        }
        return seen;
    }
}
