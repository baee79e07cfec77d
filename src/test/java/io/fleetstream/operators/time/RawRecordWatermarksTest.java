package io.fleetstream.operators.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class RawRecordWatermarksTest {
    private static final long T0 = 1_763_640_000_000L;
    private static final long OOO = 30_000L;

    private static final long STEP = RawRecordWatermarks.STEP_MILLIS;

    @Test
    void theWatermarkMovesInWholeStepsOnTheRecordThatMakesOne() {
        RawRecordWatermarks.Generator g = new RawRecordWatermarks.Generator(OOO);
        Collected out = new Collected();
        g.onEvent(null, T0, out); // T0 - OOO - 1, rounded down to a step
        g.onEvent(null, T0 + 1, out); // T0 - OOO: the next step
        g.onEvent(null, T0 + 500, out); // within that step
        g.onEvent(null, T0 - 5_000, out); // behind
        g.onEvent(null, T0 + STEP + 1, out);
        assertThat(out.marks).containsExactly(T0 - OOO - STEP, T0 - OOO, T0 - OOO + STEP);
    }

    @Test
    void thePeriodicEmitRepeatsNothingTheRecordsDidNotGive() {
        RawRecordWatermarks.Generator g = new RawRecordWatermarks.Generator(OOO);
        Collected out = new Collected();
        g.onPeriodicEmit(out);
        g.onEvent(null, T0, out);
        g.onEvent(null, T0 + 10, out); // T0 - OOO + 9: the step of T0 - OOO
        g.onEvent(null, Long.MIN_VALUE, out); // a timestamp the assigner rejected
        g.onPeriodicEmit(out);
        assertThat(out.marks).containsExactly(T0 - OOO - STEP, T0 - OOO);
    }

    /**
     * What a restore does: the sources' generators start afresh at the record after the checkpoint, and the operators
     * keep the watermark they had reached (their floor). Together they must give the watermark an uninterrupted run
     * gives after every later record, wherever the restore falls, or a reading late in one run is on time in the other.
     */
    @Test
    void aGeneratorStartedAfreshAtAnyRecordAndTheFloorBeforeItGiveTheUninterruptedWatermark() {
        java.util.Random random = new java.util.Random(3);
        long[] times = new long[400];
        for (int i = 0; i < times.length; i++) {
            // out of order by up to a minute, moving on by 0 to 4 s a record
            times[i] = T0 + i * 2_000L + random.nextInt(60_000) - 30_000;
        }
        long[] uninterrupted = watermarksAfterEach(times, 0, Long.MIN_VALUE);
        for (int restoreAt = 1; restoreAt < times.length; restoreAt++) {
            long floor = uninterrupted[restoreAt - 1];
            long[] restored = watermarksAfterEach(times, restoreAt, floor);
            for (int i = restoreAt; i < times.length; i++) {
                assertThat(restored[i]).as("after record %d, restored at %d", i, restoreAt)
                        .isEqualTo(uninterrupted[i]);
            }
        }
    }

    /** The watermark downstream after each record from {@code from} on: the larger of the floor and what was emitted. */
    private static long[] watermarksAfterEach(long[] times, int from, long floor) {
        RawRecordWatermarks.Generator g = new RawRecordWatermarks.Generator(OOO);
        Collected out = new Collected();
        long[] after = new long[times.length];
        long w = floor;
        for (int i = from; i < times.length; i++) {
            g.onEvent(null, times[i], out);
            if (!out.marks.isEmpty()) {
                w = Math.max(w, out.marks.get(out.marks.size() - 1));
            }
            after[i] = w;
        }
        return after;
    }

    private static final class Collected implements WatermarkOutput {
        final List<Long> marks = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            marks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }
}
