package io.fleetstream.operators.alarm.rules;

import io.fleetstream.operators.alarm.rules.Condition.Op;
import java.util.List;

/**
 * The comparisons of a metric's last known value that list entries of several kinds take ({@code compound}'s
 * {@code all}, {@code sequence}'s {@code steps}), read alike in each.
 */
final class Comparisons {
    static final List<String> KEYS = List.of("above", "below", "at-least", "at-most", "equals");

    private Comparisons() {}

    /** {@code metric} compared by {@code key} (one of {@link #KEYS}) with the number under it in {@code n}. */
    static Condition read(RuleNode n, String metric, String key) {
        RuleNode v = n.get(key);
        switch (key) {
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
                throw new IllegalArgumentException("not a comparison: " + key);
        }
    }
}
