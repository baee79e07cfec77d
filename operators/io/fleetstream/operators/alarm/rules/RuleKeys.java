package io.fleetstream.operators.alarm.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reading the keys that several kinds share, so they read (and fail) alike in every kind. */
final class RuleKeys {
    static final List<String> COMMON = List.of("name", "kind", "groups", "description");
    static final List<String> METRIC_KEYS = List.of("metric", "metrics");

    private RuleKeys() {}

    /**
     * Builds the rule for {@code metric:}, or one rule named {@code <name>.<metric>} for each entry of
     * {@code metrics:} (only where {@code many} allows it).
     */
    static List<AlarmRule> perMetric(RuleNode rule, RuleHead head, boolean many,
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
