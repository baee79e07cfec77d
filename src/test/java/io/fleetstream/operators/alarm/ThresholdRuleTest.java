package io.fleetstream.operators.alarm;

import static io.fleetstream.operators.alarm.AlarmHarness.MINUTE;
import static io.fleetstream.operators.alarm.AlarmHarness.SECOND;
import static io.fleetstream.operators.alarm.AlarmHarness.T0;
import static io.fleetstream.operators.alarm.AlarmHarness.TTL;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.AlarmEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.LongToDoubleFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ThresholdRuleTest {

    private static AlarmHarness harness() throws Exception {
        return new AlarmHarness(TestRules.temperatureHigh());
    }

    @Test
    void raisesWhenTemperatureAboveLimitForFiveMinutes() throws Exception {
        try (AlarmHarness h = harness()) {
            h.series(T0, T0 + 6 * MINUTE, "temp_c", t -> 9).watermark(T0 + 6 * MINUTE);
            assertThat(h.alarms()).singleElement().satisfies(a -> {
                assertThat(a.state).isEqualTo("RAISED");
                assertThat(a.severity).isEqualTo("WARNING");
                assertThat(a.rule).isEqualTo("temperature-high");
                assertThat(a.deviceId).isEqualTo(AlarmHarness.DEVICE);
                assertThat(a.deviceGroup).isEqualTo(AlarmHarness.GROUP);
                assertThat(a.eventTime).as("exactly 5 min after the first reading above 8").isEqualTo(T0 + 5 * MINUTE);
                assertThat(a.raisedAt).isEqualTo(T0 + 5 * MINUTE);
                assertThat(a.clearedAt).isNull();
                assertThat(a.values).isEqualTo("temp_c=9.0");
                assertThat(a.message).contains("temp_c > 8 for 5m");
                assertThat(a.alarmId).isEqualTo(Transitions.alarmId(AlarmHarness.DEVICE, "temperature-high",
                        T0 + 5 * MINUTE));
            });
        }
    }

    @Test
    void doesNotRaiseJustShortOfTheDuration() throws Exception {
        try (AlarmHarness h = harness()) {
            h.series(T0, T0 + 5 * MINUTE, "temp_c", t -> 9)
                    .read(T0 + 5 * MINUTE - 1, "temp_c", 7.5)
                    .series(T0 + 5 * MINUTE, T0 + 20 * MINUTE, "temp_c", t -> 7.5)
                    .watermark(T0 + 30 * MINUTE);
            assertThat(h.alarms()).isEmpty();
        }
    }

    @Test
    void doesNotRaiseAtTheThresholdItself() throws Exception {
        try (AlarmHarness h = harness()) {
            h.series(T0, T0 + 30 * MINUTE, "temp_c", t -> 8.0).watermark(T0 + 30 * MINUTE);
            assertThat(h.alarms()).isEmpty();
        }
    }

    @Test
    void doesNotFlapInsideTheHysteresisBand() throws Exception {
        try (AlarmHarness h = harness()) {
            h.series(T0, T0 + 6 * MINUTE, "temp_c", t -> 9)
                    // between the clear (6) and raise (8) thresholds, and dips below 6 shorter than 2 min
                    .series(T0 + 6 * MINUTE, T0 + 60 * MINUTE, "temp_c",
                            t -> ((t - T0) / MINUTE) % 3 == 0 ? 5.5 : 7.9)
                    .watermark(T0 + 60 * MINUTE);
            assertThat(h.alarms()).extracting(a -> a.state).containsExactly("RAISED");
        }
    }

    @Test
    void clearsOnceBelowTheClearThresholdForTwoMinutes() throws Exception {
        try (AlarmHarness h = harness()) {
            h.series(T0, T0 + 6 * MINUTE, "temp_c", t -> 9)
                    .series(T0 + 6 * MINUTE, T0 + 10 * MINUTE, "temp_c", t -> 5)
                    .watermark(T0 + 10 * MINUTE);
            List<AlarmEvent> alarms = h.alarms();
            assertThat(alarms).extracting(a -> a.state).containsExactly("RAISED", "CLEARED");
            AlarmEvent cleared = alarms.get(1);
            assertThat(cleared.eventTime).isEqualTo(T0 + 8 * MINUTE);
            assertThat(cleared.clearedAt).isEqualTo(T0 + 8 * MINUTE);
            assertThat(cleared.raisedAt).isEqualTo(T0 + 5 * MINUTE);
            assertThat(cleared.alarmId).isEqualTo(alarms.get(0).alarmId);
            assertThat(cleared.severity).isEqualTo("WARNING");
        }
    }

    @Test
    void escalatesToCriticalAndDeescalatesBeforeClearing() throws Exception {
        try (AlarmHarness h = harness()) {
            h.series(T0, T0 + 6 * MINUTE, "temp_c", t -> 9)
                    .series(T0 + 6 * MINUTE, T0 + 12 * MINUTE, "temp_c", t -> 13)
                    .series(T0 + 12 * MINUTE, T0 + 15 * MINUTE, "temp_c", t -> 9)
                    .series(T0 + 15 * MINUTE, T0 + 18 * MINUTE, "temp_c", t -> 5)
                    .watermark(T0 + 18 * MINUTE);
            List<AlarmEvent> alarms = h.alarms();
            assertThat(alarms).extracting(a -> a.state + " " + a.severity + " " + (a.eventTime - T0) / SECOND)
                    .containsExactly("RAISED WARNING 300", "ESCALATED CRITICAL 660", "DEESCALATED WARNING 840",
                            "CLEARED WARNING 1020");
            assertThat(alarms).extracting(a -> a.alarmId).containsOnly(alarms.get(0).alarmId);
        }
    }

    @Test
    void neverRaisesTwiceWhileActive() throws Exception {
        try (AlarmHarness h = harness()) {
            h.series(T0, T0 + 120 * MINUTE, "temp_c", t -> 9).watermark(T0 + 120 * MINUTE);
            assertThat(h.alarms()).extracting(a -> a.state).containsExactly("RAISED");
        }
    }

    @Test
    void outOfOrderReadingsWithinTheBoundGiveTheSameAlarms() throws Exception {
        LongToDoubleFunction temp = t -> {
            long m = (t - T0) / MINUTE;
            return m < 6 ? 9 : m < 12 ? 13 : m < 15 ? 9 : 5;
        };
        List<String> inOrder;
        try (AlarmHarness h = harness()) {
            h.series(T0, T0 + 20 * MINUTE, "temp_c", temp).watermark(T0 + 20 * MINUTE);
            inOrder = describe(h.alarms());
        }
        List<Long> times = new ArrayList<>();
        for (long t = T0; t < T0 + 20 * MINUTE; t += 10 * SECOND) {
            times.add(t);
        }
        // Shuffle within blocks of 30 s and let the watermark trail by 30 s, as the source's bound does.
        Random random = new Random(7);
        try (AlarmHarness h = harness()) {
            for (int i = 0; i < times.size(); i += 3) {
                List<Long> block = new ArrayList<>(times.subList(i, Math.min(times.size(), i + 3)));
                Collections.shuffle(block, random);
                for (long t : block) {
                    h.read(t, "temp_c", temp.applyAsDouble(t));
                }
                h.watermark(block.stream().max(Long::compare).get() - 30 * SECOND);
            }
            h.watermark(T0 + 20 * MINUTE);
            assertThat(describe(h.alarms())).isEqualTo(inOrder).hasSize(4);
        }
    }

    @Test
    void readingsBehindTheAppliedClockAreIgnored() throws Exception {
        try (AlarmHarness h = harness()) {
            h.series(T0, T0 + 6 * MINUTE, "temp_c", t -> 9).watermark(T0 + 6 * MINUTE);
            h.read(T0 + 5 * MINUTE, "temp_c", 1).watermark(T0 + 7 * MINUTE);
            assertThat(h.alarms()).extracting(a -> a.state).containsExactly("RAISED");
        }
    }

    @Test
    void stateAndTimersReturnToZeroAfterClearAndExpiry() throws Exception {
        try (AlarmHarness h = harness()) {
            h.series(T0, T0 + 6 * MINUTE, "temp_c", t -> 9);
            assertThat(h.timers()).as("readings wait for the watermark on the heap, with no timer each").isZero();
            h.series(T0 + 6 * MINUTE, T0 + 10 * MINUTE, "temp_c", t -> 5).watermark(T0 + 10 * MINUTE);
            assertThat(h.alarms()).extracting(a -> a.state).containsExactly("RAISED", "CLEARED");
            assertThat(h.timers()).as("only the device's expiry").isEqualTo(1);
            assertThat(h.stateEntries()).as("the device's rule state; no readings left waiting").isEqualTo(1);
            h.watermark(T0 + 10 * MINUTE + TTL);
            assertThat(h.timers()).isZero();
            assertThat(h.stateEntries()).isZero();
        }
    }

    @Test
    void theWatermarkAloneDecidesTheDurationEvenAtTheEndOfTime() throws Exception {
        try (AlarmHarness h = harness()) {
            // The readings stop after 3 min above the limit; a bounded input's end is capped upstream (the
            // event-time stamper), so here the end of time is just a watermark past every deadline.
            h.series(T0, T0 + 3 * MINUTE, "temp_c", t -> 9).watermark(T0 + 5 * MINUTE - 1);
            assertThat(h.alarms()).isEmpty();
            h.watermark(Long.MAX_VALUE);
            long last = T0 + 3 * MINUTE - 10 * SECOND;
            assertThat(h.alarms()).extracting(a -> a.state + " " + (a.eventTime - T0))
                    .containsExactly("RAISED " + 5 * MINUTE, "CLEARED " + (last - T0 + TTL));
            assertThat(h.timers()).isZero();
            assertThat(h.stateEntries()).isZero();
        }
    }

    @Test
    void devicesAreIndependent() throws Exception {
        try (AlarmHarness h = harness()) {
            for (long t = T0; t < T0 + 6 * MINUTE; t += 10 * SECOND) {
                h.readAs("a", t, "temp_c", 9).readAs("b", t, "temp_c", 4);
            }
            h.watermark(T0 + 6 * MINUTE);
            assertThat(h.alarms()).extracting(a -> a.deviceId).containsExactly("a");
        }
    }

    static List<String> describe(List<AlarmEvent> alarms) {
        return alarms.stream().map(a -> a.state + " " + a.severity + " " + a.eventTime + " " + a.alarmId)
                .collect(Collectors.toList());
    }
}
