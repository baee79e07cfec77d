package io.fleetstream.operators.alarm.rules;

import static io.fleetstream.operators.alarm.rules.RuleKinds.COMMON;
import static io.fleetstream.operators.alarm.rules.RuleKinds.METRIC_KEYS;
import static io.fleetstream.operators.alarm.rules.RuleKinds.keys;
import static io.fleetstream.operators.alarm.rules.RuleKinds.millis;
import static io.fleetstream.operators.alarm.rules.RuleKinds.notNegative;
import static io.fleetstream.operators.alarm.rules.RuleKinds.perMetric;
import static io.fleetstream.operators.alarm.rules.RuleKinds.severity;

import io.fleetstream.operators.alarm.rules.Condition.Op;
import io.fleetstream.operators.alarm.rules.RuleKinds.Head;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The kinds that may have several severity levels: either a {@code levels:} list, or the keys of a single level
 * written on the rule itself (the shorthand), which reads the same as a list of that one level.
 */
final class LeveledKinds {
    private static final List<String> THRESHOLD_LEVEL = List.of("severity", "above", "below", "for", "clear-below",
            "clear-above", "clear-for");
    private static final List<String> DEVIATION_LEVEL = List.of("severity", "more-than", "for", "clear-less-than",
            "clear-for");
    private static final List<String> HELD_LEVEL = List.of("severity", "equals", "above", "below", "for");

    private LeveledKinds() {}

    /** A level is read once and built per signal, because {@code metrics:} reuses it for each metric. */
    private interface LevelReader {
        Function<Signal, Level> read(RuleNode level, Severity severity);
    }

    static List<AlarmRule> threshold(RuleNode rule, Head head) {
        List<Function<Signal, Level>> levels = levels(rule, METRIC_KEYS, THRESHOLD_LEVEL, LeveledKinds::threshold);
        return perMetric(rule, head, true, (name, metric) -> head.condition(name, build(levels, Signal.value(metric))));
    }

    static List<AlarmRule> deviation(RuleNode rule, Head head) {
        List<Function<Signal, Level>> levels = levels(rule, List.of("metric", "reference", "reference-value"),
                DEVIATION_LEVEL, LeveledKinds::deviation);
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
            return head.condition(name, build(levels, signal));
        });
    }

    static List<AlarmRule> held(RuleNode rule, Head head) {
        List<Function<Signal, Level>> levels = levels(rule, List.of("metric"), HELD_LEVEL, LeveledKinds::held);
        return perMetric(rule, head, false,
                (name, metric) -> head.condition(name, build(levels, Signal.value(metric))));
    }

    private static List<Function<Signal, Level>> levels(RuleNode rule, List<String> ruleKeys,
            List<String> levelKeys, LevelReader reader) {
        List<RuleNode> nodes;
        if (rule.has("levels")) {
            for (String key : levelKeys) {
                if (rule.has(key)) {
                    throw rule.get(key).error("goes inside each entry of levels (or drop levels and write the keys"
                            + " of a single level on the rule)");
                }
            }
            rule.map(keys(COMMON, ruleKeys, List.of("levels")));
            nodes = rule.get("levels").list();
            if (nodes.isEmpty()) {
                throw rule.get("levels").error("needs at least one level");
            }
            for (RuleNode n : nodes) {
                n.map(levelKeys);
            }
        } else {
            rule.map(keys(COMMON, ruleKeys, List.of("levels"), levelKeys));
            nodes = List.of(rule);
        }
        Map<Severity, String> seen = new EnumMap<>(Severity.class);
        List<Function<Signal, Level>> levels = new ArrayList<>();
        for (RuleNode n : nodes) {
            Severity severity = severity(n);
            String first = seen.putIfAbsent(severity, n.path);
            if (first != null) {
                throw n.error("severity " + severity + " is already the severity of " + first
                        + "; each level needs its own (default WARNING)");
            }
            levels.add(reader.read(n, severity));
        }
        return levels;
    }

    private static List<Level> build(List<Function<Signal, Level>> levels, Signal signal) {
        List<Level> built = new ArrayList<>();
        for (Function<Signal, Level> level : levels) {
            built.add(level.apply(signal));
        }
        return built;
    }

    private static Function<Signal, Level> threshold(RuleNode n, Severity severity) {
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

    private static Function<Signal, Level> deviation(RuleNode n, Severity severity) {
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

    private static Function<Signal, Level> held(RuleNode n, Severity severity) {
        String key = n.oneOf("equals", "above", "below");
        double value = key.equals("equals") ? n.get(key).numberOrBoolean() : n.get(key).number();
        Op op = key.equals("equals") ? Op.EQUALS : key.equals("above") ? Op.ABOVE : Op.BELOW;
        // "Held" is the point of the kind: without a duration it would be a threshold rule.
        long forMillis = n.require("for").positiveMillis();
        return signal -> new Level(severity, List.of(new Condition(signal, op, value)), forMillis, List.of(), 0);
    }
}
