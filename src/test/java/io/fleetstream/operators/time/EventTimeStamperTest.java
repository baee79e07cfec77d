package io.fleetstream.operators.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.Reading;
import io.fleetstream.testing.NoKryo;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class EventTimeStamperTest {
    private static final long T0 = 1_763_640_000_000L;
    private static final long OOO = 30_000L;

    @Test
    void eachReadingCarriesItsOwnEventTime() throws Exception {
        try (OneInputStreamOperatorTestHarness<Reading, Reading> h = harness()) {
            // A bundle: the source stamped its earliest time on every reading of it.
            h.processElement(reading(T0 + 5_000), T0);
            assertThat(h.extractOutputStreamRecords()).extracting(StreamRecord::getTimestamp)
                    .containsExactly(T0 + 5_000);
        }
    }

    @Test
    void theEndOfInputBecomesTheNewestSourceTimeLessTheOutOfOrdernessThenIdleness() throws Exception {
        try (OneInputStreamOperatorTestHarness<Reading, Reading> h = harness()) {
            h.processElement(reading(T0), T0);
            h.processWatermark(new Watermark(T0 - OOO - 1));
            // A bundle stamped at its earliest reading: the source's watermark generator never saw T0 + 9 s.
            h.processElement(reading(T0 + 9_000), T0 + 2_000);
            h.processElement(reading(T0 + 1_000), T0 + 1_000);
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(events(h)).containsExactly("W" + (T0 - OOO - 1), "W" + (T0 + 2_000 - OOO - 1), "IDLE");
        }
    }

    @Test
    void aWatermarkTheSourceAlreadyEmittedIsNotRepeated() throws Exception {
        try (OneInputStreamOperatorTestHarness<Reading, Reading> h = harness()) {
            h.processElement(reading(T0), T0);
            h.processWatermark(new Watermark(T0 - OOO - 1));
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(events(h)).containsExactly("W" + (T0 - OOO - 1), "IDLE");
        }
    }

    @Test
    void aSubtaskThatReadNothingJustGoesIdle() throws Exception {
        try (OneInputStreamOperatorTestHarness<Reading, Reading> h = harness()) {
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(events(h)).containsExactly("IDLE");
        }
    }

    @Test
    void anIdleOutputIsMadeActiveForTheLastWatermark() throws Exception {
        try (OneInputStreamOperatorTestHarness<Reading, Reading> h = harness()) {
            h.processElement(reading(T0), T0);
            h.processWatermarkStatus(WatermarkStatus.IDLE);
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(events(h)).containsExactly("IDLE", "ACTIVE", "W" + (T0 - OOO - 1), "IDLE");
        }
    }

    @Test
    void theNewestTimeSurvivesARestoreAtAnotherParallelism() throws Exception {
        OperatorSubtaskState[] snapshots = new OperatorSubtaskState[2];
        long[] newest = {T0 + 60_000, T0 + 20_000};
        for (int i = 0; i < 2; i++) {
            try (OneInputStreamOperatorTestHarness<Reading, Reading> h = harness(2, i)) {
                h.processElement(reading(newest[i]), newest[i]);
                snapshots[i] = h.snapshot(1, 1);
            }
        }
        OperatorSubtaskState both = OneInputStreamOperatorTestHarness.repackageState(snapshots);
        try (OneInputStreamOperatorTestHarness<Reading, Reading> h = new OneInputStreamOperatorTestHarness<>(
                new EventTimeStamper(OOO), 128, 1, 0)) {
            NoKryo.on(h.getExecutionConfig());
            h.initializeState(OneInputStreamOperatorTestHarness.repartitionOperatorState(both, 128, 2, 1, 0));
            h.open();
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(events(h)).containsExactly("W" + (T0 + 60_000 - OOO - 1), "IDLE");
        }
    }

    @Test
    void aSavepointTakenWhenTheStamperHadNoStateRestores() throws Exception {
        try (OneInputStreamOperatorTestHarness<Reading, Reading> h = new OneInputStreamOperatorTestHarness<>(
                new EventTimeStamper(OOO), 128, 1, 0)) {
            NoKryo.on(h.getExecutionConfig());
            // What a savepoint of the stateless stamper (same uid) holds for it: nothing.
            h.initializeState(OperatorSubtaskState.builder().build());
            h.open();
            h.processElement(reading(T0), T0);
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(events(h)).containsExactly("W" + (T0 - OOO - 1), "IDLE");
        }
    }

    @Test
    void theSideStreamOfCommandsGoesIdleInsteadOfReachingTheEndOfTime() throws Exception {
        try (OneInputStreamOperatorTestHarness<String, String> h =
                new OneInputStreamOperatorTestHarness<>(new IdleAtEndOfInput<>())) {
            NoKryo.on(h.getExecutionConfig());
            h.open();
            h.processElement("ack", T0);
            h.processWatermark(new Watermark(T0 - 1));
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(h.getOutput().stream().map(EventTimeStamperTest::describe).collect(Collectors.toList()))
                    .containsExactly("ack@" + T0, "W" + (T0 - 1), "IDLE");
        }
    }

    private static OneInputStreamOperatorTestHarness<Reading, Reading> harness() throws Exception {
        return harness(1, 0);
    }

    private static OneInputStreamOperatorTestHarness<Reading, Reading> harness(int parallelism, int subtask)
            throws Exception {
        OneInputStreamOperatorTestHarness<Reading, Reading> h = new OneInputStreamOperatorTestHarness<>(
                new EventTimeStamper(OOO), 128, parallelism, subtask);
        NoKryo.on(h.getExecutionConfig());
        h.open();
        return h;
    }

    private static Reading reading(long t) {
        return new Reading("dev-1", "pumps", t, null, new String[] {"temp_c"}, new double[] {4});
    }

    /** Watermarks and statuses, in order; records left out. */
    private static List<String> events(OneInputStreamOperatorTestHarness<Reading, Reading> h) {
        return h.getOutput().stream().filter(o -> !(o instanceof StreamRecord)).map(EventTimeStamperTest::describe)
                .collect(Collectors.toList());
    }

    private static String describe(Object o) {
        if (o instanceof Watermark) {
            return "W" + ((Watermark) o).getTimestamp();
        }
        if (o instanceof WatermarkStatus) {
            return ((WatermarkStatus) o).isIdle() ? "IDLE" : "ACTIVE";
        }
        StreamRecord<?> r = (StreamRecord<?>) o;
        return r.getValue() + "@" + r.getTimestamp();
    }
}
