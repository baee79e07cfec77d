package io.fleetstream.operators.alarm.rules;

import static io.fleetstream.operators.alarm.rules.RuleKeys.METRIC_KEYS;
import static io.fleetstream.operators.alarm.rules.RuleKeys.millis;
import static io.fleetstream.operators.alarm.rules.RuleKeys.perMetric;

import io.fleetstream.operators.alarm.rules.Condition.Op;
import java.util.List;
import java.util.function.Function;

/**
 * {@code threshold}: a metric above (or below) a limit, with its own hysteresis per severity level.
 * Keys: {@code metric|metrics}, and {@code levels: [{[severity], above|below, [for], [clear-below|clear-above],
 * [clear-for]}]} or the keys of one level on the rule.
 */
final class ThresholdKind extends LeveledKind {
    private static final long serialVersionUID = 1L;
    private static final List<String> LEVEL_KEYS = List.of("severity", "above", "below", "for", "clear-below",
            "clear-above", "clear-for");

    @Override
    public String name() {
        return "threshold";
    }

    @Override
    public List<AlarmRule> parse(RuleNode rule, RuleHead head) {
        List<Function<Signal, Level>> levels = Levels.read(rule, METRIC_KEYS, LEVEL_KEYS, ThresholdKind::level);
        return perMetric(rule, head, true,
                (name, metric) -> rule(head, name, Levels.build(levels, Signal.value(metric))));
    }

    private static Function<Signal, Level> level(RuleNode n, Severity severity) {
        String raiseKey = n.oneOf("above", "below");
        boolean above = raiseKey.equals("above");
        double limit = n.get(raiseKey).number();
        String clearKey = above ? "clear-below" : "clear-above";
        String wrongKey = above ? "clear-above" : "clear-below";
        if (n.has(wrongKey)) {
            throw n.get(wrongKey).error("does not go with '" + raiseKey + "': the value clears by moving back,"
                    + " so use '" + clearKey + "'");
        }
        Double clear = n.has(clearKey) ? n.get(clearKey).number() : null;
        if (clear != null && (above ? clear > limit : clear < limit)) {
            throw n.get(clearKey).error(Conditions.number(clear) + " is past the raise threshold "
                    + Conditions.number(limit) + ", so the alarm would raise and clear at the same time");
        }
        long raiseFor = millis(n, "for");
        long clearFor = millis(n, "clear-for");
        Op raiseOp = above ? Op.ABOVE : Op.BELOW;
        Op clearOp = above ? Op.BELOW : Op.ABOVE;
        return signal -> new Level(severity, List.of(new Condition(signal, raiseOp, limit)), raiseFor,
                clear == null ? List.of() : List.of(new Condition(signal, clearOp, clear)), clearFor);
    }
}
