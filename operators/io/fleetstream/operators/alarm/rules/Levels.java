package io.fleetstream.operators.alarm.rules;

import static io.fleetstream.operators.alarm.rules.RuleKeys.COMMON;
import static io.fleetstream.operators.alarm.rules.RuleKeys.keys;
import static io.fleetstream.operators.alarm.rules.RuleKeys.severity;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The severity levels of the kinds that may have several: either a {@code levels:} list, or the keys of a single
 * level written on the rule itself (the shorthand), which reads the same as a list of that one level.
 */
final class Levels {
    private Levels() {}

    /** A level is read once and built per signal, because {@code metrics:} reuses it for each metric. */
    interface Reader {
        Function<Signal, Level> read(RuleNode level, Severity severity);
    }

    /** The rule's levels; {@code ruleKeys} are the keys of the kind that go on the rule, not in a level. */
    static List<Function<Signal, Level>> read(RuleNode rule, List<String> ruleKeys, List<String> levelKeys,
            Reader reader) {
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

    static List<Level> build(List<Function<Signal, Level>> levels, Signal signal) {
        List<Level> built = new ArrayList<>();
        for (Function<Signal, Level> level : levels) {
            built.add(level.apply(signal));
        }
        return built;
    }
}
