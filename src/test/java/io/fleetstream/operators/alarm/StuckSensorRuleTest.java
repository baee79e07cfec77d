package io.fleetstream.operators.alarm;

import static io.fleetstream.operators.alarm.AlarmHarness.MINUTE;
import static io.fleetstream.operators.alarm.AlarmHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StuckSensorRuleTest {

    @Test
    void raisesWhenAValueRepeatsForTenMinutesAndClearsOnTheFirstChange() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.stuck())) {
            h.series(T0, T0 + 5 * MINUTE, "temp_c", t -> 3 + (t - T0) / 1e6)
                    .series(T0 + 5 * MINUTE, T0 + 20 * MINUTE, "temp_c", t -> 4.21)
                    .series(T0 + 20 * MINUTE, T0 + 25 * MINUTE, "temp_c", t -> 3 + (t - T0) / 1e6)
                    .watermark(T0 + 25 * MINUTE);
            // The first repeat is the second reading of 4.21, 10 s after the value got stuck.
            assertThat(h.alarms()).extracting(a -> a.state + " " + (a.eventTime - T0) / 1000)
                    .containsExactly("RAISED 910", "CLEARED 1200");
        }
    }

    @Test
    void aNoisySignalOrAShorterRepeatRaisesNothing() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.stuck())) {
            h.series(T0, T0 + 20 * MINUTE, "temp_c", t -> 3 + ((t - T0) / 10_000) % 7 * 0.01)
                    .series(T0 + 20 * MINUTE, T0 + 30 * MINUTE, "temp_c", t -> 4.21)
                    .series(T0 + 30 * MINUTE, T0 + 40 * MINUTE, "temp_c", t -> 3 + (t - T0) / 1e6)
                    .watermark(T0 + 40 * MINUTE);
            assertThat(h.alarms()).isEmpty();
        }
    }

    @Test
    void aSilenceBetweenTwoEqualValuesIsNotAStuckSensor() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.stuck())) {
            // Equal by chance around a 15-min silence: no readings showed the value standing still.
            h.series(T0, T0 + 5 * MINUTE, "temp_c", t -> 3 + (t - T0) / 1e6)
                    .read(T0 + 5 * MINUTE, "temp_c", 4.21).read(T0 + 5 * MINUTE + 10_000, "temp_c", 4.21)
                    .read(T0 + 20 * MINUTE, "temp_c", 4.21)
                    .series(T0 + 20 * MINUTE + 10_000, T0 + 40 * MINUTE, "temp_c", t -> 3 + (t - T0) / 1e6)
                    .watermark(T0 + 40 * MINUTE);
            assertThat(h.alarms()).isEmpty();
        }
    }

    @Test
    void aDeviceThatFallsSilentWhileRepeatingRaisesNothingDuringTheSilence() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.stuck())) {
            h.series(T0, T0 + 5 * MINUTE, "temp_c", t -> 4.21).watermark(T0 + 30 * MINUTE);
            assertThat(h.alarms()).isEmpty();
        }
    }
}
