package io.fleetstream.operators.alarm.rules;

import static io.fleetstream.operators.alarm.RuleState.NONE;
import static io.fleetstream.operators.alarm.rules.RuleKeys.COMMON;
import static io.fleetstream.operators.alarm.rules.RuleKeys.build;
import static io.fleetstream.operators.alarm.rules.RuleKeys.keys;
import static io.fleetstream.operators.alarm.rules.RuleKeys.millis;
import static io.fleetstream.operators.alarm.rules.RuleKeys.severity;

import io.fleetstream.operators.alarm.RuleState;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code sequence}: conditions met one after the other, each by a later reading than the one before, within a
 * window from the first step's reading; detected by Flink CEP (see {@link Sequence}), which hands the engine the
 * completion ({@link #onMatch}). Keys: {@code steps: [{metric, above|below|at-least|at-most|equals, [absent]}]} (at
 * least two; only the last may be {@code absent: true}), {@code within}, {@code [severity]}, {@code [clear-for]}.
 *
 * <p>Raised at the completion: the reading that meets the last step, or for an absent last step the end of the
 * window. Clears, per device from its readings here, when the last step's condition has not held for
 * {@code clear-for}; with an absent last step, at the first reading that meets it. Per device it keeps the last
 * values of the steps' metrics and since when the last step's condition has not held.
 */
final class SequenceKind implements RuleKind {
    private static final long serialVersionUID = 1L;
    /**
     * CEP keeps a partial match per reading that meets the first step until {@code within} passes: the bound keeps
     * that state (and the work per reading, which visits every partial match) small.
     */
    static final long MAX_WITHIN_MILLIS = 3_600_000;
    private static final List<String> STEP_KEYS = keys(List.of("metric"), Comparisons.KEYS, List.of("absent"));

    /** Null in the registry's instance, which only reads rules; each rule carries an instance of its own. */
    private final Sequence sequence;
    private final long clearForMillis;

    SequenceKind() {
        this(null, 0);
    }

    private SequenceKind(Sequence sequence, long clearForMillis) {
        this.sequence = sequence;
        this.clearForMillis = clearForMillis;
    }

    Sequence sequence() {
        return sequence;
    }

    @Override
    public String name() {
        return "sequence";
    }

    @Override
    public List<AlarmRule> parse(RuleNode rule, RuleHead head) {
        rule.map(keys(COMMON, List.of("steps", "within", "severity", "clear-for")));
        RuleNode list = rule.require("steps");
        List<RuleNode> items = list.list();
        if (items.size() < 2) {
            throw list.error("needs at least two steps (one condition is a threshold rule)");
        }
        List<Condition> steps = new ArrayList<>();
        boolean lastAbsent = false;
        for (int i = 0; i < items.size(); i++) {
            RuleNode n = items.get(i).map(STEP_KEYS);
            String metric = n.require("metric").text();
            steps.add(Comparisons.read(n, metric, n.oneOf(Comparisons.KEYS.toArray(new String[0]))));
            boolean absent = n.has("absent") && n.get("absent").bool();
            if (absent && i < items.size() - 1) {
                throw n.get("absent").error("only the last step may be absent: a sequence goes on from a reading");
            }
            lastAbsent = absent;
        }
        long within = rule.require("within").positiveMillis();
        if (within > MAX_WITHIN_MILLIS) {
            throw rule.get("within").error("must be at most " + Conditions.duration(MAX_WITHIN_MILLIS) + ": Flink CEP"
                    + " keeps every reading that meets the first step for that long (for longer spans, a held rule)");
        }
        if (lastAbsent && rule.has("clear-for")) {
            throw rule.get("clear-for").error("does not go with an absent last step, which clears at the first"
                    + " reading that meets it");
        }
        long clearFor = millis(rule, "clear-for");
        Severity severity = severity(rule);
        SequenceKind kind = new SequenceKind(new Sequence(head.name, head.groups, steps, lastAbsent, within),
                clearFor);
        return List.of(build(rule, () -> new AlarmRule(kind, AlarmRule.Type.SEQUENCE, head.name, head.groups,
                head.description, List.of(), severity, 0, 0, 0, 0)));
    }

    @Override
    public List<Condition> ownConditions() {
        return sequence == null ? List.of() : sequence.steps;
    }

    @Override
    public void init(AlarmRule rule, RuleState s) {
        Signals.init(s, rule);
        s.clearSince = new long[] {NONE};
    }

    /** The last values of the metrics stay: a reset or a shelf does not change what the device last reported. */
    @Override
    public void reset(AlarmRule rule, RuleState s) {
        s.clearSince[0] = NONE;
    }

    @Override
    public void observe(AlarmRule rule, RuleState s, long time, String[] metrics, double[] values) {
        Signals.update(s, rule, time, metrics, values);
    }

    /** Raised once while active: CEP goes on completing the sequence while its steps keep holding. */
    @Override
    public void onMatch(AlarmRule rule, RuleState s, long time, String matched, Alarm alarm) {
        if (!s.active()) {
            s.clearSince[0] = NONE;
            alarm.moveTo(0, time, describe() + " (" + matched + ")");
        }
    }

    @Override
    public void onReading(AlarmRule rule, RuleState s, long time, long gap, Alarm alarm) {
        if (!s.active()) {
            return;
        }
        boolean holds = lastHolds(rule, s, time);
        if (sequence.lastAbsent) {
            if (holds) {
                alarm.moveTo(-1, time, "cleared: " + sequence.last() + " (" + alarm.values() + ")");
            }
            return;
        }
        if (holds) {
            s.clearSince[0] = NONE;
        } else if (s.clearSince[0] == NONE) {
            s.clearSince[0] = time;
        }
        if (!holds && clearForMillis == 0) {
            clear(s, time, alarm);
        }
    }

    private boolean lastHolds(AlarmRule rule, RuleState s, long time) {
        Condition last = sequence.last();
        return last.test(Signals.value(last.signal, rule, s, time));
    }

    @Override
    public long deadline(AlarmRule rule, RuleState s, long lastSeen) {
        return s.active() && s.clearSince[0] != NONE ? s.clearSince[0] + clearForMillis : Long.MAX_VALUE;
    }

    @Override
    public void onDeadline(AlarmRule rule, RuleState s, long time, Alarm alarm) {
        clear(s, time, alarm);
    }

    private void clear(RuleState s, long time, Alarm alarm) {
        s.clearSince[0] = NONE;
        alarm.moveTo(-1, time, "cleared: " + sequence.last() + " no longer holding"
                + Conditions.forDuration(clearForMillis) + " (" + alarm.values() + ")");
    }

    /** E.g. {@code door_open == 1, then temp_c > 8, within 10m}. */
    private String describe() {
        List<String> steps = sequence.steps.stream().map(Condition::toString).collect(Collectors.toList());
        if (sequence.lastAbsent) {
            steps.set(steps.size() - 1, "no " + steps.get(steps.size() - 1));
        }
        return String.join(", then ", steps) + ", within " + Conditions.duration(sequence.withinMillis);
    }

    @Override
    public List<String> explain(AlarmRule rule) {
        String raise = rule.severity + ": " + describe() + " of the first, each on a later reading (Flink CEP)";
        if (sequence.lastAbsent) {
            return List.of(raise + ", raised when the window ends; clear at the first reading with "
                    + sequence.last());
        }
        return List.of(raise + "; clear when " + sequence.last() + " no longer holds"
                + Conditions.forDuration(clearForMillis));
    }
}
