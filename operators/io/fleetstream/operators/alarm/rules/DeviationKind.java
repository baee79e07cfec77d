package io.fleetstream.operators.alarm.rules;

import static io.fleetstream.operators.alarm.rules.RuleKeys.millis;
import static io.fleetstream.operators.alarm.rules.RuleKeys.notNegative;
import static io.fleetstream.operators.alarm.rules.RuleKeys.perMetric;

import io.fleetstream.operators.alarm.rules.Condition.Op;
import java.util.List;
import java.util.function.Function;

/**
 * {@code deviation}: a metric's distance from a reference, another metric (a setpoint) or a constant.
 * Keys: {@code metric}, {@code reference|reference-value}, and {@code levels: [{[severity], more-than, [for],
 * [clear-less-than], [clear-for]}]} or the keys of one level on the rule.
 */
final class DeviationKind extends LeveledKind {
    private static final long serialVersionUID = 1L;
    private static final List<String> LEVEL_KEYS = List.of("severity", "more-than", "for", "clear-less-than",
            "clear-for");

    @Override
    public String name() {
        return "deviation";
    }

    @Override
    public List<AlarmRule> parse(RuleNode rule, RuleHead head) {
        List<Function<Signal, Level>> levels = Levels.read(rule, List.of("metric", "reference", "reference-value"),
                LEVEL_KEYS, DeviationKind::level);
        String key = rule.oneOf("reference", "reference-value");
        RuleNode ref = rule.get(key);
        String refMetric = key.equals("reference") ? ref.text() : null;
        double refValue = key.equals("reference") ? 0 : ref.number();
        return perMetric(rule, head, false, (name, metric) -> {
            if (metric.equals(refMetric)) {
                throw ref.error("'" + metric + "' is the metric itself; the deviation would always be 0");
            }
            Signal signal = refMetric != null
                    ? Signal.deviationFrom(metric, refMetric)
                    : Signal.deviationFrom(metric, refValue);
            return rule(head, name, Levels.build(levels, signal));
        });
    }

    private static Function<Signal, Level> level(RuleNode n, Severity severity) {
        double moreThan = notNegative(n.require("more-than"));
        Double lessThan = n.has("clear-less-than") ? notNegative(n.get("clear-less-than")) : null;
        if (lessThan != null && lessThan > moreThan) {
            throw n.get("clear-less-than").error(Conditions.number(lessThan) + " is above more-than "
                    + Conditions.number(moreThan) + ", so the alarm would raise and clear at the same time");
        }
        long raiseFor = millis(n, "for");
        long clearFor = millis(n, "clear-for");
        return signal -> new Level(severity, List.of(new Condition(signal, Op.ABOVE, moreThan)), raiseFor,
                lessThan == null ? List.of() : List.of(new Condition(signal, Op.BELOW, lessThan)), clearFor);
    }
}
