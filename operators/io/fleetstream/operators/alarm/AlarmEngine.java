package io.fleetstream.operators.alarm;

import static io.fleetstream.operators.alarm.RuleState.NONE;

import io.fleetstream.model.AlarmCommand;
import io.fleetstream.model.AlarmEvent;
import io.fleetstream.operators.alarm.rules.AlarmRule;
import io.fleetstream.operators.alarm.rules.Condition;
import io.fleetstream.operators.alarm.rules.Level;
import io.fleetstream.operators.alarm.rules.RuleSet;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The alarm state machines of one device, free of Flink so it can be tested directly. Callers feed inputs in
 * event-time order and advance the clock; every duration ("holds for 5 min", "no reading for 10 min") is a deadline
 * that fires exactly at its event time, so the time of a transition does not depend on how often a device reports
 * or when the watermark happened to arrive.
 */
final class AlarmEngine {
    private final RuleSet ruleSet;
    private final long deviceTtlMillis;

    AlarmEngine(RuleSet ruleSet, long deviceTtlMillis) {
        this.ruleSet = ruleSet;
        this.deviceTtlMillis = deviceTtlMillis;
    }

    List<AlarmRule> rules(DeviceAlarms d) {
        return ruleSet.forGroup(d.deviceGroup);
    }

    /** Sets the device's group, keeping the state of rules that still apply when the group changes. */
    void assignGroup(DeviceAlarms d, String deviceId, String group) {
        if (group.equals(d.deviceGroup) && d.rules != null) {
            return;
        }
        List<AlarmRule> rules = ruleSet.forGroup(group);
        RuleState[] states = new RuleState[rules.size()];
        for (int i = 0; i < states.length; i++) {
            states[i] = find(d, rules.get(i).name);
            if (states[i] == null) {
                states[i] = newState(rules.get(i));
            }
        }
        d.deviceId = deviceId;
        d.deviceGroup = group;
        d.rules = states;
    }

    private static RuleState find(DeviceAlarms d, String rule) {
        if (d.rules != null) {
            for (RuleState s : d.rules) {
                if (s.rule.equals(rule)) {
                    return s;
                }
            }
        }
        return null;
    }

    private static RuleState newState(AlarmRule rule) {
        RuleState s = new RuleState();
        s.rule = rule.name;
        int levels = rule.levels.size();
        s.levelActive = new boolean[levels];
        s.raiseSince = new long[levels];
        s.clearSince = new long[levels];
        Arrays.fill(s.raiseSince, NONE);
        Arrays.fill(s.clearSince, NONE);
        Signals.init(s, rule);
        if (rule.type == AlarmRule.Type.ANOMALY_BURST) {
            s.anomalyTimes = new long[0];
        }
        return s;
    }

    /** Applies a reading at {@code time} (not older than the device's clock); deadlines up to it fire first. */
    void onReading(DeviceAlarms d, long time, String[] metrics, double[] values, Consumer<AlarmEvent> out) {
        advanceTo(d, time, out);
        long gap = d.lastSeen == NONE ? Long.MAX_VALUE : time - d.lastSeen;
        d.clock = time;
        d.lastSeen = Math.max(d.lastSeen, time);
        List<AlarmRule> rules = rules(d);
        for (int i = 0; i < rules.size(); i++) {
            AlarmRule rule = rules.get(i);
            RuleState s = d.rules[i];
            switch (rule.type) {
                case CONDITION:
                    Signals.update(s, rule, time, metrics, values);
                    if (s.shelvedUntil == NONE) {
                        evaluate(d, rule, s, time, gap, out);
                    }
                    break;
                case OFFLINE:
                    if (s.active()) {
                        transition(d, rule, s, -1, time, "reporting again", out);
                    }
                    break;
                default:
                    break;
            }
        }
    }

    /** Applies an anomaly scored at {@code time}. */
    void onAnomaly(DeviceAlarms d, long time, Consumer<AlarmEvent> out) {
        advanceTo(d, time, out);
        d.clock = time;
        List<AlarmRule> rules = rules(d);
        for (int i = 0; i < rules.size(); i++) {
            AlarmRule rule = rules.get(i);
            if (rule.type != AlarmRule.Type.ANOMALY_BURST) {
                continue;
            }
            RuleState s = d.rules[i];
            if (s.shelvedUntil != NONE) {
                continue;
            }
            long[] times = Arrays.copyOf(s.anomalyTimes, s.anomalyTimes.length + 1);
            times[times.length - 1] = time;
            int from = 0;
            while (times[from] <= time - rule.burstWindowMillis || times.length - from > rule.burstCount) {
                from++;
            }
            s.anomalyTimes = Arrays.copyOfRange(times, from, times.length);
            if (!s.active() && s.anomalyTimes.length >= rule.burstCount) {
                transition(d, rule, s, 0, time, s.anomalyTimes.length + " anomalies since "
                        + java.time.Instant.ofEpochMilli(s.anomalyTimes[0]), out);
            }
        }
    }

    /** Applies an operator's command given at {@code time} (see {@link AlarmCommand}). */
    void onCommand(DeviceAlarms d, long time, AlarmCommand c, Consumer<AlarmEvent> out) {
        advanceTo(d, time, out);
        d.clock = Math.max(d.clock, time);
        String by = (c.user == null ? "" : " by " + c.user) + (c.note == null ? "" : ": " + c.note);
        List<AlarmRule> rules = rules(d);
        for (int i = 0; i < rules.size(); i++) {
            AlarmRule rule = rules.get(i);
            RuleState s = d.rules[i];
            if ((c.rule != null && !c.rule.equals(rule.name)) || (c.alarmId != null && !c.alarmId.equals(s.alarmId))) {
                continue;
            }
            switch (c.command) {
                case AlarmCommand.ACKNOWLEDGE:
                    if (s.active() && !s.acknowledged) {
                        s.acknowledged = true;
                        out.accept(Transitions.command(d, rule, s, Transitions.ACKNOWLEDGED, time, "acknowledged" + by));
                    }
                    break;
                case AlarmCommand.SHELVE:
                    long until = time + c.shelveForMillis;
                    if (s.active()) {
                        out.accept(Transitions.command(d, rule, s, Transitions.SHELVED, time, "shelved until "
                                + java.time.Instant.ofEpochMilli(until) + by));
                    }
                    reset(rule, s);
                    s.shelvedUntil = until;
                    break;
                case AlarmCommand.RESET:
                    if (s.active()) {
                        out.accept(Transitions.command(d, rule, s, Transitions.CLEARED, time, "reset" + by));
                    }
                    reset(rule, s);
                    break;
                default:
                    throw new IllegalArgumentException("unknown alarm command " + c.command);
            }
        }
    }

    /** Back to normal: the conditions must hold for their whole duration again before the rule raises. */
    private static void reset(AlarmRule rule, RuleState s) {
        Arrays.fill(s.levelActive, false);
        Arrays.fill(s.raiseSince, NONE);
        Arrays.fill(s.clearSince, NONE);
        s.activeLevel = -1;
        s.alarmId = null;
        s.raisedAt = NONE;
        s.acknowledged = false;
        s.shelvedUntil = NONE;
        if (s.anomalyTimes != null) {
            s.anomalyTimes = new long[0];
        }
    }

    /** Fires every deadline up to and including {@code time}, in event-time order. */
    void advanceTo(DeviceAlarms d, long time, Consumer<AlarmEvent> out) {
        long next;
        while ((next = nextDeadline(d)) != NONE && next <= time) {
            fire(d, next, out);
            d.clock = Math.max(d.clock, next);
        }
    }

    /** The earliest pending deadline of the device, including its expiry; NONE when it has none. */
    long nextDeadline(DeviceAlarms d) {
        if (d.lastSeen == NONE) {
            return NONE;
        }
        long next = d.lastSeen + deviceTtlMillis;
        List<AlarmRule> rules = rules(d);
        for (int i = 0; i < rules.size(); i++) {
            next = Math.min(next, deadline(rules.get(i), d.rules[i], d));
        }
        return next;
    }

    /** Whether the device was silent past its TTL at {@code time}: the caller drops its state. */
    boolean expired(DeviceAlarms d, long time) {
        return d.lastSeen != NONE && time >= d.lastSeen + deviceTtlMillis;
    }

    private static long deadline(AlarmRule rule, RuleState s, DeviceAlarms d) {
        if (s.shelvedUntil != NONE) {
            return s.shelvedUntil;
        }
        switch (rule.type) {
            case CONDITION: {
                long next = Long.MAX_VALUE;
                for (int l = 0; l < rule.levels.size(); l++) {
                    Level level = rule.levels.get(l);
                    if (!s.levelActive[l] && s.raiseSince[l] != NONE && !level.raisesOnReadingsOnly()) {
                        next = Math.min(next, s.raiseSince[l] + level.raiseForMillis);
                    } else if (s.levelActive[l] && s.clearSince[l] != NONE) {
                        next = Math.min(next, s.clearSince[l] + level.clearForMillis);
                    }
                }
                return next;
            }
            case OFFLINE:
                return s.active() ? Long.MAX_VALUE : d.lastSeen + rule.offlineAfterMillis;
            case ANOMALY_BURST:
                return s.active() ? s.anomalyTimes[s.anomalyTimes.length - 1] + rule.burstWindowMillis
                        : Long.MAX_VALUE;
            default:
                throw new AssertionError(rule.type);
        }
    }

    private void fire(DeviceAlarms d, long time, Consumer<AlarmEvent> out) {
        List<AlarmRule> rules = rules(d);
        if (expired(d, time)) {
            for (int i = 0; i < rules.size(); i++) {
                if (d.rules[i].active()) {
                    transition(d, rules.get(i), d.rules[i], -1, time,
                            "device forgotten: silent longer than the alarm state TTL", out);
                }
            }
            d.rules = new RuleState[0];
            d.lastSeen = NONE;
            return;
        }
        for (int i = 0; i < rules.size(); i++) {
            AlarmRule rule = rules.get(i);
            RuleState s = d.rules[i];
            if (deadline(rule, s, d) != time) {
                continue;
            }
            if (s.shelvedUntil != NONE) {
                s.shelvedUntil = NONE;
                if (rule.type == AlarmRule.Type.OFFLINE && d.lastSeen + rule.offlineAfterMillis <= time) {
                    transition(d, rule, s, 0, time, "no reading since " + java.time.Instant.ofEpochMilli(d.lastSeen),
                            out);
                }
                continue;
            }
            switch (rule.type) {
                case CONDITION:
                    for (int l = 0; l < rule.levels.size(); l++) {
                        Level level = rule.levels.get(l);
                        if (!s.levelActive[l] && s.raiseSince[l] != NONE && !level.raisesOnReadingsOnly()
                                && s.raiseSince[l] + level.raiseForMillis == time) {
                            s.levelActive[l] = true;
                            s.raiseSince[l] = NONE;
                            s.clearSince[l] = NONE;
                        } else if (s.levelActive[l] && s.clearSince[l] != NONE
                                && s.clearSince[l] + level.clearForMillis == time) {
                            s.levelActive[l] = false;
                            s.clearSince[l] = NONE;
                        }
                    }
                    settle(d, rule, s, time, out);
                    break;
                case OFFLINE:
                    transition(d, rule, s, 0, time, "no reading since " + java.time.Instant.ofEpochMilli(d.lastSeen),
                            out);
                    break;
                case ANOMALY_BURST:
                    transition(d, rule, s, -1, time, "no anomaly for " + rule.burstWindowMillis / 60_000 + " min",
                            out);
                    s.anomalyTimes = new long[0];
                    break;
                default:
                    throw new AssertionError(rule.type);
            }
        }
    }

    /** Moves each level's raise and clear timing along with the conditions as they hold at {@code time}. */
    private void evaluate(DeviceAlarms d, AlarmRule rule, RuleState s, long time, long gap,
            Consumer<AlarmEvent> out) {
        for (int l = 0; l < rule.levels.size(); l++) {
            Level level = rule.levels.get(l);
            boolean raise = all(level.raise, rule, s, time);
            if (level.raisesOnReadingsOnly() && gap >= level.raiseForMillis) {
                // No readings for the whole duration are no evidence that the value stood still meanwhile.
                s.raiseSince[l] = NONE;
            }
            if (!s.levelActive[l]) {
                if (!raise) {
                    s.raiseSince[l] = NONE;
                } else if (s.raiseSince[l] == NONE) {
                    s.raiseSince[l] = time;
                }
                if (raise && (level.raiseForMillis == 0
                        || (level.raisesOnReadingsOnly() && time - s.raiseSince[l] >= level.raiseForMillis))) {
                    s.levelActive[l] = true;
                    s.raiseSince[l] = NONE;
                }
            } else {
                boolean clear = level.clear.isEmpty() ? !raise : all(level.clear, rule, s, time);
                if (!clear) {
                    s.clearSince[l] = NONE;
                } else if (s.clearSince[l] == NONE) {
                    s.clearSince[l] = time;
                }
                if (clear && level.clearForMillis == 0) {
                    s.levelActive[l] = false;
                    s.clearSince[l] = NONE;
                }
            }
        }
        settle(d, rule, s, time, out);
    }

    private static boolean all(List<Condition> conditions, AlarmRule rule, RuleState s, long time) {
        for (Condition c : conditions) {
            if (!c.test(Signals.value(c.signal, rule, s, time))) {
                return false;
            }
        }
        return true;
    }

    /** Emits the alarm's transition when the highest active level changed. */
    private void settle(DeviceAlarms d, AlarmRule rule, RuleState s, long time, Consumer<AlarmEvent> out) {
        int highest = -1;
        for (int l = 0; l < s.levelActive.length; l++) {
            if (s.levelActive[l]) {
                highest = l;
            }
        }
        if (highest != s.activeLevel) {
            Level shown = rule.levels.get(highest >= 0 ? highest : s.activeLevel);
            String why = highest >= 0 ? shown.describeRaise() : "cleared: " + shown.describeClear();
            transition(d, rule, s, highest, time, why + " (" + Transitions.values(rule, s) + ")", out);
        }
    }

    /** Processing time to wait, after a device's last arrival, before the offline fallback; 0: none. */
    long processingTimeFallback(DeviceAlarms d) {
        long delay = 0;
        for (AlarmRule rule : rules(d)) {
            if (rule.type == AlarmRule.Type.OFFLINE && rule.processingTimeFallbackMillis > 0) {
                delay = delay == 0 ? rule.processingTimeFallbackMillis
                        : Math.min(delay, rule.processingTimeFallbackMillis);
            }
        }
        return delay;
    }

    /**
     * Nothing arrived from the device for its fallback delay of processing time, and its event-time deadline did
     * not fire: the watermark stalled, as it does when a device group's whole stream goes silent. Raises the offline
     * alarms anyway, at the event time the deadline would have had, so the alarm reads the same as one decided in
     * event time.
     */
    void offlineByProcessingTime(DeviceAlarms d, Consumer<AlarmEvent> out) {
        if (d.lastSeen == NONE) {
            return;
        }
        List<AlarmRule> rules = rules(d);
        for (int i = 0; i < rules.size(); i++) {
            AlarmRule rule = rules.get(i);
            if (rule.type == AlarmRule.Type.OFFLINE && rule.processingTimeFallbackMillis > 0
                    && !d.rules[i].active()) {
                transition(d, rule, d.rules[i], 0, d.lastSeen + rule.offlineAfterMillis, "no reading since "
                        + java.time.Instant.ofEpochMilli(d.lastSeen)
                        + " (decided on processing time: the stream's watermark stalled)", out);
            }
        }
    }

    private static void transition(DeviceAlarms d, AlarmRule rule, RuleState s, int level, long time, String why,
            Consumer<AlarmEvent> out) {
        out.accept(Transitions.of(d, rule, s, level, time, why));
    }
}
