package io.fleetstream.operators.alarm.rules;

import io.fleetstream.operators.alarm.rules.Condition.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns one entry of a rules file's {@code rules:} list into {@link AlarmRule}s, by kind. The kinds with severity
 * levels (threshold, deviation, held) are in {@link LeveledKinds}; the single-level and non-condition kinds here.
 */
final class RuleKinds {
    static final List<String> KINDS = List.of("threshold", "compound", "deviation", "held", "rate", "stuck",
            "offline", "anomaly-burst");
    static final List<String> COMMON = List.of("name", "kind", "groups", "description");
    static final List<String> METRIC_KEYS = List.of("metric", "metrics");
    private static final List<String> COMPARISONS = List.of("above", "below", "at-least", "at-most", "equals",
            "rising", "falling");
    private static final long DEFAULT_SLOPE_WINDOW = 60_000;

    private RuleKinds() {}

    /** What every rule has, read before the keys of its kind. */
    static final class Head {
        final String name;
        final String kind;
        final List<String> groups;
        final String description;

        Head(String name, String kind, List<String> groups, String description) {
            this.name = name;
            this.kind = kind;
            this.groups = groups;
            this.description = description;
        }

        AlarmRule condition(String name, List<Level> levels) {
            return AlarmRule.condition(name, kind, groups, description, levels);
        }
    }

    /** One rule, or one per metric when the entry lists {@code metrics:}. */
    static List<AlarmRule> convert(RuleNode rule, Head head) {
        switch (head.kind) {
            case "threshold":
                return LeveledKinds.threshold(rule, head);
            case "deviation":
                return LeveledKinds.deviation(rule, head);
            case "held":
                return LeveledKinds.held(rule, head);
            case "compound":
                return List.of(compound(rule, head));
            case "rate":
                return rate(rule, head);
            case "stuck":
                return stuck(rule, head);
            case "offline":
                return List.of(offline(rule, head));
            case "anomaly-burst":
                return List.of(anomalyBurst(rule, head));
            default:
                throw new AssertionError(head.kind);
        }
    }

    private static AlarmRule compound(RuleNode rule, Head head) {
        rule.map(keys(COMMON, List.of("severity", "all", "for", "clear-for")));
        List<RuleNode> items = rule.require("all").list();
        if (items.isEmpty()) {
            throw rule.get("all").error("needs at least one condition");
        }
        List<Condition> all = new ArrayList<>();
        for (RuleNode item : items) {
            all.add(comparison(item));
        }
        Level level = new Level(severity(rule), all, millis(rule, "for"), List.of(), millis(rule, "clear-for"));
        return build(rule, () -> head.condition(head.name, List.of(level)));
    }

    private static Condition comparison(RuleNode n) {
        n.map(keys(List.of("metric"), COMPARISONS, List.of("window")));
        String metric = n.require("metric").text();
        String op = n.oneOf(COMPARISONS.toArray(new String[0]));
        boolean slope = op.equals("rising") || op.equals("falling");
        if (!slope && n.has("window")) {
            throw n.get("window").error("'window' only goes with rising or falling");
        }
        RuleNode v = n.get(op);
        switch (op) {
            case "above":
                return new Condition(Signal.value(metric), Op.ABOVE, v.number());
            case "below":
                return new Condition(Signal.value(metric), Op.BELOW, v.number());
            case "at-least":
                return new Condition(Signal.value(metric), Op.AT_LEAST, v.number());
            case "at-most":
                return new Condition(Signal.value(metric), Op.AT_MOST, v.number());
            case "equals":
                return new Condition(Signal.value(metric), Op.EQUALS, v.numberOrBoolean());
            default:
                // Both are per-minute rates, written positive: "falling: 0.5" means dropping faster than 0.5/min.
                double rate = notNegative(v);
                long window = n.has("window") ? n.get("window").positiveMillis() : DEFAULT_SLOPE_WINDOW;
                return op.equals("rising")
                        ? new Condition(Signal.slope(metric, window), Op.ABOVE, rate)
                        : new Condition(Signal.slope(metric, window), Op.BELOW, -rate);
        }
    }

    private static List<AlarmRule> rate(RuleNode rule, Head head) {
        rule.map(keys(COMMON, METRIC_KEYS, List.of("rises-by", "falls-by", "within", "severity", "clear-for")));
        String direction = rule.oneOf("rises-by", "falls-by");
        Map<String, Double> amounts = amounts(rule, rule.get(direction));
        long within = rule.require("within").positiveMillis();
        Severity severity = severity(rule);
        long clearFor = millis(rule, "clear-for");
        return perMetric(rule, head, true, (name, metric) -> {
            Signal change = direction.equals("rises-by") ? Signal.rise(metric, within) : Signal.fall(metric, within);
            double by = amounts.getOrDefault(metric, amounts.get(null));
            return head.condition(name, List.of(new Level(severity,
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

    private static List<AlarmRule> stuck(RuleNode rule, Head head) {
        rule.map(keys(COMMON, METRIC_KEYS, List.of("for", "severity")));
        long forMillis = rule.require("for").positiveMillis();
        Severity severity = severity(rule);
        // No clear conditions: the first changed value ends the run of repeats, so the alarm clears at once.
        return perMetric(rule, head, true, (name, metric) -> head.condition(name, List.of(new Level(severity,
                List.of(new Condition(Signal.unchanged(metric), Op.EQUALS, 1)), forMillis, List.of(), 0))));
    }

    private static AlarmRule offline(RuleNode rule, Head head) {
        rule.map(keys(COMMON, List.of("after", "processing-time-fallback", "severity")));
        long after = rule.require("after").positiveMillis();
        long fallback = millis(rule, "processing-time-fallback");
        Severity severity = severity(rule);
        return build(rule, () -> AlarmRule.offline(head.name, head.groups, head.description, severity, after,
                fallback));
    }

    private static AlarmRule anomalyBurst(RuleNode rule, Head head) {
        rule.map(keys(COMMON, List.of("count", "within", "severity")));
        int count = rule.require("count").integer();
        if (count < 1) {
            throw rule.get("count").error("must be at least 1");
        }
        long within = rule.require("within").positiveMillis();
        Severity severity = severity(rule);
        return build(rule, () -> AlarmRule.anomalyBurst(head.name, head.groups, head.description, severity, count,
                within));
    }

    /**
     * Builds the rule for {@code metric:}, or one rule named {@code <name>.<metric>} for each entry of
     * {@code metrics:} (only where {@code many} allows it).
     */
    static List<AlarmRule> perMetric(RuleNode rule, Head head, boolean many,
            BiFunction<String, String, AlarmRule> ruleFor) {
        if (!many || !rule.has("metrics")) {
            if (!rule.has("metric")) {
                throw rule.error(many ? "needs one of metric, metrics" : "missing key 'metric'");
            }
            String metric = rule.get("metric").text();
            return List.of(build(rule, () -> ruleFor.apply(head.name, metric)));
        }
        rule.oneOf("metric", "metrics");
        RuleNode list = rule.get("metrics");
        List<String> metrics = list.texts();
        List<AlarmRule> rules = new ArrayList<>();
        for (int i = 0; i < metrics.size(); i++) {
            String metric = metrics.get(i);
            if (metrics.indexOf(metric) < i) {
                throw list.error("lists '" + metric + "' twice");
            }
            rules.add(build(rule, () -> ruleFor.apply(head.name + "." + metric, metric)));
        }
        return rules;
    }

    /** Runs a model constructor, whose own checks should not fire after ours but would lack the file position. */
    static AlarmRule build(RuleNode rule, Supplier<AlarmRule> constructor) {
        try {
            return constructor.get();
        } catch (RulesException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw rule.error(e.getMessage());
        }
    }

    static Severity severity(RuleNode n) {
        return n.has("severity") ? n.get("severity").severity() : Severity.WARNING;
    }

    static long millis(RuleNode n, String key) {
        return n.has(key) ? n.get(key).millis() : 0;
    }

    static double notNegative(RuleNode n) {
        double v = n.number();
        if (v < 0) {
            throw n.error("must not be negative");
        }
        return v;
    }

    static double positive(RuleNode n) {
        double v = n.number();
        if (v <= 0) {
            throw n.error("must be above 0");
        }
        return v;
    }

    @SafeVarargs
    static List<String> keys(List<String>... groups) {
        return Stream.of(groups).flatMap(List::stream).collect(Collectors.toList());
    }
}
