package io.fleetstream.operators.alarm.rules;

import java.util.List;
import java.util.stream.Collectors;

/** Text for messages and errors. */
final class Conditions {
    private Conditions() {}

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static String duration(long millis) {
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }

    /** E.g. {@code " for 5m"}; nothing for 0. */
    static String forDuration(long millis) {
        return millis > 0 ? " for " + duration(millis) : "";
    }

    static String all(List<Condition> conditions) {
        return conditions.stream().map(Condition::toString).collect(Collectors.joining(" and "));
    }
}
