package io.fleetstream.operators.alarm;

import static io.fleetstream.operators.alarm.AlarmHarness.MINUTE;
import static io.fleetstream.operators.alarm.AlarmHarness.SECOND;
import static io.fleetstream.operators.alarm.AlarmHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateRuleTest {

    @Test
    void raisesOnARiseOfMoreThanFiveWithinAMinute() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.temperatureJump())) {
            h.series(T0, T0 + 5 * MINUTE, "temp_c", t -> 3)
                    .series(T0 + 5 * MINUTE, T0 + 8 * MINUTE, "temp_c", t -> 8.5)
                    .watermark(T0 + 8 * MINUTE);
            assertThat(h.alarms()).extracting(a -> a.state + " " + (a.eventTime - T0) / SECOND)
                    .containsExactly("RAISED 300", "CLEARED 420");
        }
    }

    @Test
    void aSlowRiseOrOneJustBelowTheLimitRaisesNothing() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.temperatureJump())) {
            h.series(T0, T0 + 30 * MINUTE, "temp_c", t -> 3 + 4.9 * (t - T0) / MINUTE)
                    .series(T0 + 30 * MINUTE, T0 + 40 * MINUTE, "temp_c", t -> 150 + ((t - T0) / MINUTE) % 2 * 5)
                    .watermark(T0 + 40 * MINUTE);
            assertThat(h.alarms()).isEmpty();
        }
    }

    @Test
    void aSingleSpikeRaisesOnceAndClearsAMinuteLater() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.temperatureJump())) {
            h.series(T0, T0 + 10 * MINUTE, "temp_c", t -> t == T0 + 5 * MINUTE ? 15 : 3).watermark(T0 + 10 * MINUTE);
            assertThat(h.alarms()).extracting(a -> a.state + " " + (a.eventTime - T0) / SECOND)
                    .containsExactly("RAISED 300", "CLEARED 370");
            assertThat(h.timers()).isEqualTo(1);
        }
    }

    @Test
    void outOfOrderDeliveryRaisesAtTheSameTime() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.temperatureJump())) {
            h.read(T0 + 20 * SECOND, "temp_c", 9).read(T0, "temp_c", 3).read(T0 + 10 * SECOND, "temp_c", 3)
                    .watermark(T0 + MINUTE);
            assertThat(h.alarms()).first().satisfies(a -> assertThat(a.eventTime).isEqualTo(T0 + 20 * SECOND));
        }
    }
}
