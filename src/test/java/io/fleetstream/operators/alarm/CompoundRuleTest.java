package io.fleetstream.operators.alarm;

import static io.fleetstream.operators.alarm.AlarmHarness.MINUTE;
import static io.fleetstream.operators.alarm.AlarmHarness.SECOND;
import static io.fleetstream.operators.alarm.AlarmHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompoundRuleTest {

    /** Bearing wear: vibration 8 mm/s while the temperature climbs {@code rise} °C per minute, from T0 on. */
    private static void bearing(AlarmHarness h, long from, long to, double vibration, double rise) throws Exception {
        for (long t = from; t < to; t += 10 * SECOND) {
            h.read(t, "vibration_mm_s", vibration, "temperature_c", 40 + rise * (t - T0) / MINUTE);
        }
    }

    @Test
    void raisesMaintenanceWhenVibrationHighAndTemperatureRisingForFiveMinutes() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.maintenance())) {
            bearing(h, T0, T0 + 10 * MINUTE, 8, 0.5);
            h.watermark(T0 + 10 * MINUTE);
            // The 2-min slope is known from the reading 1 min in (half a window of history); 5 min later it raises.
            assertThat(h.alarms()).singleElement().satisfies(a -> {
                assertThat(a.state).isEqualTo("RAISED");
                assertThat(a.eventTime).isEqualTo(T0 + 6 * MINUTE);
                assertThat(a.message).startsWith("maintenance required: vibration_mm_s > 5 and slope(temperature_c");
            });
        }
    }

    @Test
    void doesNotRaiseWhenOnlyOneConditionHolds() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.maintenance())) {
            bearing(h, T0, T0 + 20 * MINUTE, 8, 0.0);
            bearing(h, T0 + 20 * MINUTE, T0 + 40 * MINUTE, 2, 0.5);
            h.watermark(T0 + 40 * MINUTE);
            assertThat(h.alarms()).isEmpty();
        }
    }

    @Test
    void doesNotRaiseJustBelowTheRiseOrShortOfTheDuration() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.maintenance())) {
            for (long t = T0; t < T0 + 40 * MINUTE; t += 10 * SECOND) {
                double m = (t - T0) / (double) MINUTE;
                // 0.19/min for 20 min; then 0.5/min, but vibration drops 4 min 50 s later
                double temp = m < 20 ? 40 + 0.19 * m : 43.8 + 0.5 * (m - 20);
                h.read(t, "vibration_mm_s", m < 24 + 50 / 60.0 ? 8 : 4.9, "temperature_c", temp);
            }
            h.watermark(T0 + 40 * MINUTE);
            assertThat(h.alarms()).isEmpty();
        }
    }

    @Test
    void usesTheLastKnownValueOfMetricsReportedSeparately() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.maintenance())) {
            for (long t = T0; t < T0 + 10 * MINUTE; t += 10 * SECOND) {
                h.read(t, "temperature_c", 40 + 0.5 * (t - T0) / MINUTE);
                if ((t - T0) % MINUTE == 0) {
                    h.read(t + SECOND, "vibration_mm_s", 8);
                }
            }
            h.watermark(T0 + 10 * MINUTE);
            assertThat(h.alarms()).extracting(a -> a.state).containsExactly("RAISED");
        }
    }

    @Test
    void clearsTwoMinutesAfterTheConditionStopsAndLeavesOnlyTheExpiryTimer() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.maintenance())) {
            bearing(h, T0, T0 + 10 * MINUTE, 8, 0.5);
            bearing(h, T0 + 10 * MINUTE, T0 + 15 * MINUTE, 1.8, 0.5);
            h.watermark(T0 + 15 * MINUTE);
            assertThat(h.alarms()).extracting(a -> a.state + " " + (a.eventTime - T0) / MINUTE)
                    .containsExactly("RAISED 6", "CLEARED 12");
            assertThat(h.timers()).isEqualTo(1);
            assertThat(h.stateEntries()).isEqualTo(1);
        }
    }
}
