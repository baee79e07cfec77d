package io.fleetstream.operators.alarm;

import static io.fleetstream.operators.alarm.AlarmHarness.MINUTE;
import static io.fleetstream.operators.alarm.AlarmHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnomalyBurstRuleTest {

    @Test
    void raisesOnThreeAnomaliesWithinTenMinutesAndClearsTenMinutesAfterTheLast() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.anomalyBurst())) {
            h.series(T0, T0 + 30 * MINUTE, "temp_c", t -> 3)
                    .anomaly(T0 + MINUTE).anomaly(T0 + 4 * MINUTE).anomaly(T0 + 9 * MINUTE)
                    .watermark(T0 + 30 * MINUTE);
            assertThat(h.alarms()).extracting(a -> a.state + " " + (a.eventTime - T0) / MINUTE)
                    .containsExactly("RAISED 9", "CLEARED 19");
            assertThat(h.timers()).isEqualTo(1);
        }
    }

    @Test
    void anomaliesSpreadWiderThanTheWindowRaiseNothing() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.anomalyBurst())) {
            h.series(T0, T0 + 30 * MINUTE, "temp_c", t -> 3)
                    .anomaly(T0 + MINUTE).anomaly(T0 + 6 * MINUTE).anomaly(T0 + 11 * MINUTE)
                    .anomaly(T0 + 21 * MINUTE + 1)
                    .watermark(T0 + 30 * MINUTE);
            assertThat(h.alarms()).isEmpty();
        }
    }

    @Test
    void outOfOrderAnomaliesAreCountedInEventTimeOrder() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.anomalyBurst())) {
            h.series(T0, T0 + 30 * MINUTE, "temp_c", t -> 3)
                    .anomaly(T0 + 9 * MINUTE).anomaly(T0 + MINUTE).anomaly(T0 + 4 * MINUTE)
                    .watermark(T0 + 30 * MINUTE);
            assertThat(h.alarms()).extracting(a -> (a.eventTime - T0) / MINUTE).startsWith(9L);
        }
    }
}
