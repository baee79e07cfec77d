package io.fleetstream.operators.alarm.rules;

import static io.fleetstream.operators.alarm.rules.RuleKeys.perMetric;

import io.fleetstream.operators.alarm.rules.Condition.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code held}: a state that lasts too long (a door open for 15 minutes), clearing as soon as it stops.
 * Keys: {@code metric}, and {@code levels: [{[severity], equals|above|below, for}]} or the keys of one level on the
 * rule.
 */
final class HeldKind extends LeveledKind {
    private static final long serialVersionUID = 1L;
    private static final List<String> LEVEL_KEYS = List.of("severity", "equals", "above", "below", "for");

    @Override
    public String name() {
        return "held";
    }

    @Override
    public List<AlarmRule> parse(RuleNode rule, RuleHead head) {
        List<Function<Signal, Level>> levels = Levels.read(rule, List.of("metric"), LEVEL_KEYS, HeldKind::level);
        return perMetric(rule, head, false,
                (name, metric) -> rule(head, name, Levels.build(levels, Signal.value(metric))));
    }

    private static Function<Signal, Level> level(RuleNode n, Severity severity) {
        String key = n.oneOf("equals", "above", "below");
        double value = key.equals("equals") ? n.get(key).numberOrBoolean() : n.get(key).number();
        Op op = key.equals("equals") ? Op.EQUALS : key.equals("above") ? Op.ABOVE : Op.BELOW;
        // "Held" is the point of the kind: without a duration it would be a threshold rule.
        long forMillis = n.require("for").positiveMillis();
        return signal -> new Level(severity, List.of(new Condition(signal, op, value)), forMillis, List.of(), 0);
    }

    @Override
    public List<String> explain(AlarmRule rule) {
        List<String> lines = new ArrayList<>();
        for (Level level : rule.levels) {
            lines.add(level.severity + ": " + Conditions.all(level.raise) + " held for "
                    + Conditions.duration(level.raiseForMillis) + "; clear as soon as that no longer holds");
        }
        return lines;
    }
}
