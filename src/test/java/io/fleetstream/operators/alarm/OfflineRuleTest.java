package io.fleetstream.operators.alarm;

import static io.fleetstream.operators.alarm.AlarmHarness.MINUTE;
import static io.fleetstream.operators.alarm.AlarmHarness.SECOND;
import static io.fleetstream.operators.alarm.AlarmHarness.T0;
import static io.fleetstream.operators.alarm.AlarmHarness.TTL;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.AlarmCommand;
import org.junit.jupiter.api.Test;

class OfflineRuleTest {

    @Test
    void raisesWhenTheWatermarkPassesTenMinutesWithoutAReading() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.offline(0))) {
            h.series(T0, T0 + 5 * MINUTE, "temp_c", t -> 3);
            long last = T0 + 5 * MINUTE - 10 * SECOND;
            h.watermark(last + 10 * MINUTE - 1);
            assertThat(h.alarms()).isEmpty();
            h.watermark(last + 10 * MINUTE);
            assertThat(h.alarms()).singleElement().satisfies(a -> {
                assertThat(a.state).isEqualTo("RAISED");
                assertThat(a.severity).isEqualTo("MAJOR");
                assertThat(a.eventTime).isEqualTo(last + 10 * MINUTE);
            });
        }
    }

    @Test
    void aGapJustShorterThanTheLimitRaisesNothing() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.offline(0))) {
            h.read(T0, "temp_c", 3).read(T0 + 10 * MINUTE - 1, "temp_c", 3).watermark(T0 + 15 * MINUTE);
            assertThat(h.alarms()).isEmpty();
        }
    }

    @Test
    void clearsWhenTheDeviceReportsAgain() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.offline(0))) {
            h.read(T0, "temp_c", 3).watermark(T0 + 30 * MINUTE).read(T0 + 40 * MINUTE, "temp_c", 3)
                    .watermark(T0 + 41 * MINUTE);
            assertThat(h.alarms()).extracting(a -> a.state + " " + (a.eventTime - T0) / MINUTE)
                    .containsExactly("RAISED 10", "CLEARED 40");
            assertThat(h.alarms().get(1).message).contains("reporting again");
        }
    }

    @Test
    void aWatermarkAtTheEndOfTimeFiresTheOfflineDeadlineAndTheExpiry() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.offline(0))) {
            // No special case for the end of a bounded input: the stamper caps that watermark before it gets here.
            h.read(T0, "temp_c", 3).watermark(T0 + 10 * MINUTE - 1);
            assertThat(h.alarms()).isEmpty();
            h.watermark(Long.MAX_VALUE);
            assertThat(h.alarms()).extracting(a -> a.state + " " + (a.eventTime - T0))
                    .containsExactly("RAISED " + 10 * MINUTE, "CLEARED " + TTL);
            assertThat(h.timers()).isZero();
        }
    }

    @Test
    void fallsBackToProcessingTimeWhenTheWholeStreamGoesSilent() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.offline(30 * MINUTE))) {
            h.harness.setProcessingTime(0);
            h.read(T0, "temp_c", 3).watermark(T0);
            h.harness.setProcessingTime(30 * MINUTE - 1);
            assertThat(h.alarms()).isEmpty();
            h.harness.setProcessingTime(30 * MINUTE);
            assertThat(h.alarms()).singleElement().satisfies(a -> {
                assertThat(a.eventTime).as("the event time the deadline has").isEqualTo(T0 + 10 * MINUTE);
                assertThat(a.message).contains("processing time");
            });
            // When the watermark catches up, the alarm is not raised a second time.
            h.watermark(T0 + 20 * MINUTE);
            assertThat(h.alarms()).hasSize(1);
        }
    }

    @Test
    void aShelvedRuleIsNotRaisedByTheFallbackButWhenItsShelfEndsIfTheDeviceIsStillSilent() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.offline(30 * MINUTE))) {
            h.harness.setProcessingTime(0);
            h.read(T0, "temp_c", 3).command(T0, AlarmCommand.SHELVE, "offline", 60 * MINUTE).watermark(T0);
            h.harness.setProcessingTime(30 * MINUTE);
            assertThat(h.alarms()).as("shelved: nothing raised, by event time or processing time").isEmpty();
            h.watermark(T0 + 60 * MINUTE);
            assertThat(h.alarms()).singleElement().satisfies(a -> {
                assertThat(a.state).isEqualTo("RAISED");
                assertThat(a.eventTime).isEqualTo(T0 + 60 * MINUTE);
                assertThat(a.message).startsWith("no reading since");
            });
        }
    }

    @Test
    void keepsOneTimerWhileReportingAndNoneAfterExpiry() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.offline(0))) {
            h.series(T0, T0 + 30 * MINUTE, "temp_c", t -> 3).watermark(T0 + 30 * MINUTE);
            assertThat(h.timers()).isEqualTo(1);
            h.watermark(T0 + 30 * MINUTE + TTL);
            assertThat(h.alarms()).extracting(a -> a.state).containsExactly("RAISED", "CLEARED");
            assertThat(h.alarms().get(1).message).contains("forgotten");
            assertThat(h.timers()).isZero();
            assertThat(h.stateEntries()).isZero();
        }
    }
}
