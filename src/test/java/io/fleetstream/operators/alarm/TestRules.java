package io.fleetstream.operators.alarm;

import static io.fleetstream.operators.alarm.AlarmHarness.MINUTE;

import io.fleetstream.operators.alarm.rules.AlarmRule;
import io.fleetstream.operators.alarm.rules.Condition;
import io.fleetstream.operators.alarm.rules.Condition.Op;
import io.fleetstream.operators.alarm.rules.Level;
import io.fleetstream.operators.alarm.rules.Severity;
import io.fleetstream.operators.alarm.rules.Signal;
import java.util.List;

/** The example rules of the alarm issue, built in code so these tests do not depend on the rules file parser. */
final class TestRules {
    private TestRules() {}

    static final List<String> ALL = List.of("*");

    /** temp_c > 8 for 5 min raises WARNING, temp_c > 12 for 5 min CRITICAL; each clears below 6 / 10 for 2 min. */
    /** door_open == 1, then temp_c > 8, within 10m; MAJOR; clear-for 1m (a sequence rule: CEP detects it). */
    static AlarmRule doorThenWarm() {
        return sequence("door-then-warm", "{metric: temp_c, above: 8}], within: 10m, severity: MAJOR, clear-for: 1m");
    }

    /** door_open == 1, then no door_open == 0 within 10m. */
    static AlarmRule doorLeftOpen() {
        return sequence("door-left-open", "{metric: door_open, equals: 0, absent: true}], within: 10m");
    }

    /** A fleet rule over the offline rule: half the devices seen within 10 min offline at once. */
    static AlarmRule halfOffline() {
        return io.fleetstream.operators.alarm.rules.RulesFile.parse("rules: [{name: offline, kind: offline, after: "
                + "5m}, {name: half-offline, kind: fleet, of: offline, share: 0.5, window: 10m}]", "rules.yaml")
                .rules().get(1);
    }

    private static AlarmRule sequence(String name, String rest) {
        return io.fleetstream.operators.alarm.rules.RulesFile.parse("rules: [{name: " + name + ", kind: sequence,"
                + " steps: [{metric: door_open, equals: 1}, " + rest + "}]", "rules.yaml").rules().get(0);
    }

    static AlarmRule temperatureHigh() {
        return AlarmRule.condition("temperature-high", "threshold", ALL, null, List.of(
                new Level(Severity.WARNING, List.of(above(Signal.value("temp_c"), 8)), 5 * MINUTE,
                        List.of(below(Signal.value("temp_c"), 6)), 2 * MINUTE),
                new Level(Severity.CRITICAL, List.of(above(Signal.value("temp_c"), 12)), 5 * MINUTE,
                        List.of(below(Signal.value("temp_c"), 10)), 2 * MINUTE)));
    }

    /** vibration_mm_s > 5 and temperature_c rising faster than 0.2/min (over 2 min), for 5 min. */
    static AlarmRule maintenance() {
        return AlarmRule.condition("maintenance-required", "compound", ALL, "maintenance required", List.of(
                new Level(Severity.WARNING, List.of(above(Signal.value("vibration_mm_s"), 5),
                        above(Signal.slope("temperature_c", 2 * MINUTE), 0.2)), 5 * MINUTE, List.of(), 2 * MINUTE)));
    }

    /** |temp_c - setpoint_c| > 2 for 10 min; clears below 1 for 2 min. */
    static AlarmRule setpointDeviation() {
        return AlarmRule.condition("setpoint-deviation", "deviation", ALL, null, List.of(
                new Level(Severity.WARNING, List.of(above(Signal.deviationFrom("temp_c", "setpoint_c"), 2)),
                        10 * MINUTE, List.of(below(Signal.deviationFrom("temp_c", "setpoint_c"), 1)), 2 * MINUTE)));
    }

    /** door_open == 1 for more than 15 min. */
    static AlarmRule doorOpen() {
        return AlarmRule.condition("door-open", "held", ALL, null, List.of(
                new Level(Severity.WARNING, List.of(new Condition(Signal.value("door_open"), Op.EQUALS, 1)),
                        15 * MINUTE, List.of(), 0)));
    }

    /** temp_c rises by more than 5 within a minute; clears after a minute without such a rise. */
    static AlarmRule temperatureJump() {
        return AlarmRule.condition("temperature-jump", "rate", ALL, null, List.of(
                new Level(Severity.WARNING, List.of(above(Signal.rise("temp_c", MINUTE), 5)), 0, List.of(),
                        MINUTE)));
    }

    /** temp_c repeats exactly the same value for 10 min. */
    static AlarmRule stuck() {
        return AlarmRule.condition("stuck-sensor", "stuck", ALL, null, List.of(
                new Level(Severity.WARNING, List.of(new Condition(Signal.unchanged("temp_c"), Op.EQUALS, 1)),
                        10 * MINUTE, List.of(), 0)));
    }

    static AlarmRule offline(long fallbackMillis) {
        return AlarmRule.offline("offline", ALL, null, Severity.MAJOR, 10 * MINUTE, fallbackMillis);
    }

    static AlarmRule anomalyBurst() {
        return AlarmRule.anomalyBurst("anomaly-burst", ALL, null, Severity.WARNING, 3, 10 * MINUTE);
    }

    static Condition above(Signal s, double v) {
        return new Condition(s, Op.ABOVE, v);
    }

    static Condition below(Signal s, double v) {
        return new Condition(s, Op.BELOW, v);
    }
}
