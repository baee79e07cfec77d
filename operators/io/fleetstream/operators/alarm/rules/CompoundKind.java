package io.fleetstream.operators.alarm.rules;

import static io.fleetstream.operators.alarm.rules.RuleKeys.COMMON;
import static io.fleetstream.operators.alarm.rules.RuleKeys.build;
import static io.fleetstream.operators.alarm.rules.RuleKeys.keys;
import static io.fleetstream.operators.alarm.rules.RuleKeys.millis;
import static io.fleetstream.operators.alarm.rules.RuleKeys.notNegative;
import static io.fleetstream.operators.alarm.rules.RuleKeys.severity;

import io.fleetstream.operators.alarm.rules.Condition.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code compound}: several conditions that must all hold together, for a duration.
 * Keys: {@code [severity]}, {@code all: [{metric, above|below|at-least|at-most|equals|rising|falling, [window]}]},
 * {@code [for]}, {@code [clear-for]}. {@code rising}/{@code falling} are slopes per minute over {@code window}
 * (default 1m); the alarm clears when the conditions stop holding together (for {@code clear-for}).
 */
final class CompoundKind extends LeveledKind {
    private static final long serialVersionUID = 1L;
    private static final List<String> COMPARISONS = keys(Comparisons.KEYS, List.of("rising", "falling"));
    private static final long DEFAULT_SLOPE_WINDOW = 60_000;

    @Override
    public String name() {
        return "compound";
    }

    @Override
    public List<AlarmRule> parse(RuleNode rule, RuleHead head) {
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
        return List.of(build(rule, () -> rule(head, head.name, List.of(level))));
    }

    private static Condition comparison(RuleNode n) {
        n.map(keys(List.of("metric"), COMPARISONS, List.of("window")));
        String metric = n.require("metric").text();
        String op = n.oneOf(COMPARISONS.toArray(new String[0]));
        boolean slope = op.equals("rising") || op.equals("falling");
        if (!slope && n.has("window")) {
            throw n.get("window").error("'window' only goes with rising or falling");
        }
        if (!slope) {
            return Comparisons.read(n, metric, op);
        }
        // Both are per-minute rates, written positive: "falling: 0.5" means dropping faster than 0.5/min.
        double rate = notNegative(n.get(op));
        long window = n.has("window") ? n.get("window").positiveMillis() : DEFAULT_SLOPE_WINDOW;
        return op.equals("rising")
                ? new Condition(Signal.slope(metric, window), Op.ABOVE, rate)
                : new Condition(Signal.slope(metric, window), Op.BELOW, -rate);
    }

    @Override
    public List<String> explain(AlarmRule rule) {
        if (rule.levels.size() > 1 || !rule.levels.get(0).clear.isEmpty()) {
            return super.explain(rule); // built in code rather than read from a file: only its levels say it
        }
        Level level = rule.levels.get(0);
        List<String> all = new ArrayList<>();
        for (Condition c : level.raise) {
            all.add(c.signal.kind == Signal.Kind.SLOPE ? slope(c) : c.toString());
        }
        return List.of(level.severity + ": all of " + String.join(", ", all) + " together"
                + Conditions.forDuration(level.raiseForMillis) + "; clear when they no longer all hold"
                + Conditions.forDuration(level.clearForMillis));
    }

    private static String slope(Condition c) {
        return c.signal.metric + (c.op == Op.ABOVE ? " rising" : " falling") + " faster than "
                + Conditions.number(Math.abs(c.threshold)) + "/min over " + Conditions.duration(c.signal.windowMillis);
    }
}
