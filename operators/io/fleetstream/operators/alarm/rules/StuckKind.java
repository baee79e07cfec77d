package io.fleetstream.operators.alarm.rules;

import static io.fleetstream.operators.alarm.rules.RuleKeys.COMMON;
import static io.fleetstream.operators.alarm.rules.RuleKeys.METRIC_KEYS;
import static io.fleetstream.operators.alarm.rules.RuleKeys.keys;
import static io.fleetstream.operators.alarm.rules.RuleKeys.perMetric;
import static io.fleetstream.operators.alarm.rules.RuleKeys.severity;

import io.fleetstream.operators.alarm.rules.Condition.Op;
import java.util.List;

/**
 * {@code stuck}: a sensor that repeats exactly the same value for a duration. Keys: {@code metric|metrics},
 * {@code for}, {@code [severity]}. Only readings show it, so it raises on the first reading after the duration (a
 * silent device is offline, not stuck), and clears at the first changed value.
 */
final class StuckKind extends LeveledKind {
    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
        return "stuck";
    }

    @Override
    public List<AlarmRule> parse(RuleNode rule, RuleHead head) {
        rule.map(keys(COMMON, METRIC_KEYS, List.of("for", "severity")));
        long forMillis = rule.require("for").positiveMillis();
        Severity severity = severity(rule);
        // No clear conditions: the first changed value ends the run of repeats, so the alarm clears at once.
        return perMetric(rule, head, true, (name, metric) -> rule(head, name, List.of(new Level(severity,
                List.of(new Condition(Signal.unchanged(metric), Op.EQUALS, 1)), forMillis, List.of(), 0))));
    }

    @Override
    public List<String> explain(AlarmRule rule) {
        Level level = rule.levels.get(0);
        if (rule.levels.size() > 1 || level.raise.size() > 1
                || level.raise.get(0).signal.kind != Signal.Kind.UNCHANGED) {
            return super.explain(rule); // built in code rather than read from a file: only its levels say it
        }
        return List.of(level.severity + ": " + level.raise.get(0).signal.metric + " repeats exactly the same value"
                + " for " + Conditions.duration(level.raiseForMillis) + " (seen on readings: a silent device is"
                + " offline, not stuck); clear at the first changed value");
    }
}
