package io.fleetstream.operators.alarm;

import static io.fleetstream.operators.alarm.AlarmHarness.MINUTE;
import static io.fleetstream.operators.alarm.AlarmHarness.SECOND;
import static io.fleetstream.operators.alarm.AlarmHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeldStateRuleTest {

    @Test
    void raisesWhenDoorOpenLongerThanLimit() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.doorOpen())) {
            h.series(T0, T0 + 20 * MINUTE, "door_open", t -> 1).watermark(T0 + 20 * MINUTE);
            assertThat(h.alarms()).singleElement().satisfies(a -> {
                assertThat(a.state).isEqualTo("RAISED");
                assertThat(a.eventTime).isEqualTo(T0 + 15 * MINUTE);
            });
        }
    }

    @Test
    void raisesOnTimeForADeviceThatOnlyReportsChanges() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.doorOpen())) {
            h.read(T0, "door_open", 1).watermark(T0 + 14 * MINUTE);
            assertThat(h.alarms()).isEmpty();
            h.watermark(T0 + 16 * MINUTE);
            assertThat(h.alarms()).singleElement().satisfies(a -> assertThat(a.eventTime).isEqualTo(T0 + 15 * MINUTE));
        }
    }

    @Test
    void doesNotRaiseWhenTheDoorClosesJustBeforeTheLimit() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.doorOpen())) {
            h.read(T0, "door_open", 1)
                    .read(T0 + 15 * MINUTE - SECOND, "door_open", 0)
                    .read(T0 + 16 * MINUTE, "door_open", 1)
                    .watermark(T0 + 30 * MINUTE);
            assertThat(h.alarms()).isEmpty();
        }
    }

    @Test
    void clearsWhenTheDoorClosesAndKeepsNoTimerForTheRule() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.doorOpen())) {
            h.read(T0, "door_open", 1).read(T0 + 20 * MINUTE, "door_open", 0).watermark(T0 + 21 * MINUTE);
            assertThat(h.alarms()).extracting(a -> a.state + " " + (a.eventTime - T0) / MINUTE)
                    .containsExactly("RAISED 15", "CLEARED 20");
            assertThat(h.timers()).as("the expiry only").isEqualTo(1);
        }
    }

    @Test
    void aClosingReadingDeliveredBeforeTheOpeningOneStillWins() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.doorOpen())) {
            h.read(T0 + 10 * MINUTE, "door_open", 0).read(T0, "door_open", 1).watermark(T0 + 30 * MINUTE);
            assertThat(h.alarms()).isEmpty();
        }
    }
}
