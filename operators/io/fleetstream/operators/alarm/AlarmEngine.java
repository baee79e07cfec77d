package io.fleetstream.operators.alarm;

import static io.fleetstream.operators.alarm.RuleState.NONE;

import io.fleetstream.model.AlarmCommand;
import io.fleetstream.model.AlarmEvent;
import io.fleetstream.operators.alarm.rules.Alarm;
import io.fleetstream.operators.alarm.rules.AlarmRule;
import io.fleetstream.operators.alarm.rules.RuleKind;
import io.fleetstream.operators.alarm.rules.RuleSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * The alarm state machines of one device, free of Flink so it can be tested directly. Callers feed inputs in
 * event-time order and advance the clock; every duration ("holds for 5 min", "no reading for 10 min") is a deadline
 * that fires exactly at its event time, so the time of a transition does not depend on how often a device reports
 * or when the watermark happened to arrive.
 *
 * <p>What the kinds share lives here: the order of inputs and deadlines, the device's clock and expiry, shelving,
 * operators' commands, and turning a kind's "move to this level" into lifecycle events. What raises and clears an
 * alarm is its rule's {@link RuleKind}'s; the engine asks no rule which kind it is.
 */
final class AlarmEngine {
    private final RuleSet ruleSet;
    private final long deviceTtlMillis;
    /** The engine runs in one thread, so one view serves every call; {@link #at} points it at a rule. */
    private final Moves moves = new Moves();

    AlarmEngine(RuleSet ruleSet, long deviceTtlMillis) {
        this.ruleSet = ruleSet;
        this.deviceTtlMillis = deviceTtlMillis;
    }

    List<AlarmRule> rules(DeviceAlarms d) {
        return ruleSet.perDevice(d.deviceGroup);
    }

    /** Sets the device's group, keeping the state of rules that still apply when the group changes. */
    void assignGroup(DeviceAlarms d, String deviceId, String group) {
        if (group.equals(d.deviceGroup) && d.rules != null) {
            return;
        }
        List<AlarmRule> rules = ruleSet.perDevice(group);
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
        rule.ruleKind().init(rule, s);
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
            RuleKind kind = rule.ruleKind();
            kind.observe(rule, s, time, metrics, values);
            if (s.shelvedUntil == NONE) {
                kind.onReading(rule, s, time, gap, at(d, rule, s, out));
            }
        }
    }

    /** Applies an anomaly scored at {@code time}. */
    void onAnomaly(DeviceAlarms d, long time, Consumer<AlarmEvent> out) {
        decide(d, time, out, null, (kind, rule, s, alarm) -> kind.onAnomaly(rule, s, time, alarm));
    }

    /** Applies the completion at {@code time} of the sequence of rule {@code ruleName} (found by Flink CEP). */
    void onMatch(DeviceAlarms d, long time, String ruleName, String matched, Consumer<AlarmEvent> out) {
        decide(d, time, out, ruleName, (kind, rule, s, alarm) -> kind.onMatch(rule, s, time, matched, alarm));
    }

    /** A kind's decision on an input other than a reading. */
    private interface Decision {
        void apply(RuleKind kind, AlarmRule rule, RuleState s, Alarm alarm);
    }

    /** Brings the device to {@code time} and lets its unshelved rules (only {@code ruleName}'s, if given) decide. */
    private void decide(DeviceAlarms d, long time, Consumer<AlarmEvent> out, String ruleName, Decision decision) {
        advanceTo(d, time, out);
        d.clock = time;
        List<AlarmRule> rules = rules(d);
        for (int i = 0; i < rules.size(); i++) {
            AlarmRule rule = rules.get(i);
            RuleState s = d.rules[i];
            if (s.shelvedUntil == NONE && (ruleName == null || rule.name.equals(ruleName))) {
                decision.apply(rule.ruleKind(), rule, s, at(d, rule, s, out));
            }
        }
    }

    /** Applies an operator's command given at {@code time} to the rules it addresses (see {@link Commands}). */
    void onCommand(DeviceAlarms d, long time, AlarmCommand c, Consumer<AlarmEvent> out) {
        advanceTo(d, time, out);
        d.clock = Math.max(d.clock, time);
        List<AlarmRule> rules = rules(d);
        for (int i = 0; i < rules.size(); i++) {
            AlarmRule rule = rules.get(i);
            RuleState s = d.rules[i];
            Commands.apply(c, time, rule.name, s.alarmId, s.acknowledged,
                    (state, closes, why) -> Transitions.command(d, rule, s, state, time, closes, why),
                    () -> s.acknowledged = true, until -> resetShelvedUntil(rule, s, until), out);
        }
    }

    /** Back to normal, shelved until {@code until} (NONE: not shelved). */
    private static void resetShelvedUntil(AlarmRule rule, RuleState s, long until) {
        reset(rule, s);
        s.shelvedUntil = until;
    }

    /** Back to normal: the conditions must hold for their whole duration again before the rule raises. */
    private static void reset(AlarmRule rule, RuleState s) {
        s.activeLevel = -1;
        s.alarmId = null;
        s.raisedAt = NONE;
        s.acknowledged = false;
        s.shelvedUntil = NONE;
        rule.ruleKind().reset(rule, s);
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

    /** A shelved rule's only deadline is the end of its shelf. */
    private static long deadline(AlarmRule rule, RuleState s, DeviceAlarms d) {
        return s.shelvedUntil != NONE ? s.shelvedUntil : rule.ruleKind().deadline(rule, s, d.lastSeen);
    }

    private void fire(DeviceAlarms d, long time, Consumer<AlarmEvent> out) {
        List<AlarmRule> rules = rules(d);
        if (expired(d, time)) {
            for (int i = 0; i < rules.size(); i++) {
                if (d.rules[i].active()) {
                    at(d, rules.get(i), d.rules[i], out).moveTo(-1, time,
                            "device forgotten: silent longer than the alarm state TTL");
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
            RuleKind kind = rule.ruleKind();
            if (s.shelvedUntil != NONE) {
                s.shelvedUntil = NONE;
                // A deadline that passed during the shelf is due now (an offline device still silent): the shelf
                // held the alarm back, it did not make the condition go away.
                if (kind.deadline(rule, s, d.lastSeen) <= time) {
                    kind.onDeadline(rule, s, time, at(d, rule, s, out));
                }
                continue;
            }
            kind.onDeadline(rule, s, time, at(d, rule, s, out));
        }
    }

    /** Processing time to wait, after a device's last arrival, before its fallback; 0: none. */
    long processingTimeFallback(DeviceAlarms d) {
        long delay = 0;
        for (AlarmRule rule : rules(d)) {
            long fallback = rule.ruleKind().processingTimeFallbackMillis(rule);
            if (fallback > 0) {
                delay = delay == 0 ? fallback : Math.min(delay, fallback);
            }
        }
        return delay;
    }

    /**
     * Nothing arrived from the device for its fallback delay of processing time, and its event-time deadlines did
     * not fire: the watermark stalled, as it does when a device group's whole stream goes silent. The rules with a
     * fallback decide without the watermark (an offline rule raises at the event time its deadline would have
     * had); a shelved rule raises nothing, as it would not in event time.
     */
    void onWatermarkStalled(DeviceAlarms d, Consumer<AlarmEvent> out) {
        if (d.lastSeen == NONE) {
            return;
        }
        List<AlarmRule> rules = rules(d);
        for (int i = 0; i < rules.size(); i++) {
            AlarmRule rule = rules.get(i);
            RuleState s = d.rules[i];
            RuleKind kind = rule.ruleKind();
            if (kind.processingTimeFallbackMillis(rule) > 0 && s.shelvedUntil == NONE) {
                kind.onWatermarkStalled(rule, s, at(d, rule, s, out));
            }
        }
    }

    private Alarm at(DeviceAlarms d, AlarmRule rule, RuleState s, Consumer<AlarmEvent> out) {
        return moves.at(d, rule, s, out);
    }

    /** A rule's alarm on a device as its kind sees it: every move becomes a lifecycle event here. */
    private static final class Moves implements Alarm {
        private DeviceAlarms d;
        private AlarmRule rule;
        private RuleState s;
        private Consumer<AlarmEvent> out;

        Moves at(DeviceAlarms d, AlarmRule rule, RuleState s, Consumer<AlarmEvent> out) {
            this.d = d;
            this.rule = rule;
            this.s = s;
            this.out = out;
            return this;
        }

        @Override
        public long lastSeen() {
            return d.lastSeen;
        }

        @Override
        public void moveTo(int level, long time, String why) {
            if (level != s.activeLevel) {
                out.accept(Transitions.of(d, rule, s, level, time, why));
            }
        }

        @Override
        public String values() {
            return Transitions.values(rule, s);
        }
    }
}
