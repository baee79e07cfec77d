package io.fleetstream.operators.alarm.rules;

import static io.fleetstream.operators.alarm.rules.RuleKeys.COMMON;
import static io.fleetstream.operators.alarm.rules.RuleKeys.METRIC_KEYS;
import static io.fleetstream.operators.alarm.rules.RuleKeys.keys;
import static io.fleetstream.operators.alarm.rules.RuleKeys.millis;
import static io.fleetstream.operators.alarm.rules.RuleKeys.perMetric;
import static io.fleetstream.operators.alarm.rules.RuleKeys.positive;
import static io.fleetstream.operators.alarm.rules.RuleKeys.severity;

import io.fleetstream.operators.alarm.rules.Condition.Op;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code rate}: a metric that rises (or falls) by more than an amount within a window: from the lowest (highest)
 * value in the window to the latest. Keys: {@code metric|metrics}, {@code rises-by|falls-by} (with
 * {@code metrics:} a number, or a map of one amount per metric), {@code within}, {@code [severity]},
 * {@code [clear-for]}.
 */
final class RateKind extends LeveledKind {
    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
        return "rate";
    }

    @Override
    public List<AlarmRule> parse(RuleNode rule, RuleHead head) {
        rule.map(keys(COMMON, METRIC_KEYS, List.of("rises-by", "falls-by", "within", "severity", "clear-for")));
        String direction = rule.oneOf("rises-by", "falls-by");
        Map<String, Double> amounts = amounts(rule, rule.get(direction));
        long within = rule.require("within").positiveMillis();
        Severity severity = severity(rule);
        long clearFor = millis(rule, "clear-for");
        return perMetric(rule, head, true, (name, metric) -> {
            Signal change = direction.equals("rises-by") ? Signal.rise(metric, within) : Signal.fall(metric, within);
            double by = amounts.getOrDefault(metric, amounts.get(null));
            return rule(head, name, List.of(new Level(severity,
                    List.of(new Condition(change, Op.ABOVE, by)), 0, List.of(), clearFor)));
        });
    }

    /**
     * One amount for every metric (under the key null), or with {@code metrics:} a map giving each listed metric its
     * own: metrics of one device kind move on very different scales (degrees, rpm), yet belong in one rule.
     */
    private static Map<String, Double> amounts(RuleNode rule, RuleNode amount) {
        Map<String, Double> amounts = new HashMap<>();
        if (!amount.isMap()) {
            amounts.put(null, positive(amount));
            return amounts;
        }
        if (!rule.has("metrics")) {
            throw amount.error("a map of amounts goes with 'metrics:'; for a single metric give one number");
        }
        List<String> metrics = rule.get("metrics").texts();
        amount.map(metrics);
        for (String metric : metrics) {
            amounts.put(metric, positive(amount.require(metric)));
        }
        return amounts;
    }

    @Override
    public List<String> explain(AlarmRule rule) {
        Level level = rule.levels.get(0);
        Condition change = level.raise.get(0);
        if (rule.levels.size() > 1 || level.raise.size() > 1 || !change.signal.windowed()
                || change.signal.kind == Signal.Kind.SLOPE) {
            return super.explain(rule); // built in code rather than read from a file: only its levels say it
        }
        boolean rise = change.signal.kind == Signal.Kind.RISE;
        return List.of(level.severity + ": " + change.signal.metric + (rise ? " rises" : " falls") + " by more than "
                + Conditions.number(change.threshold) + " within " + Conditions.duration(change.signal.windowMillis)
                + " (from the " + (rise ? "lowest" : "highest") + " value in that time to the latest); clear when that"
                + " no longer holds" + Conditions.forDuration(level.clearForMillis));
    }
}
