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

    @Test
    void aRecordThatMovesTheWatermarkAStepEmitsItWithoutWaitingForThePeriodicEmit() {
        RawRecordWatermarks.Generator g = new RawRecordWatermarks.Generator(OOO);
        Collected out = new Collected();
        g.onEvent(null, T0, out);
        g.onEvent(null, T0 + RawRecordWatermarks.STEP_MILLIS - 1, out);
        g.onEvent(null, T0 - 5_000, out);
        g.onEvent(null, T0 + RawRecordWatermarks.STEP_MILLIS, out);
        assertThat(out.marks).containsExactly(T0 - OOO - 1, T0 + RawRecordWatermarks.STEP_MILLIS - OOO - 1);
    }

    @Test
    void thePeriodicEmitGivesTheBoundedOutOfOrdernessOfEverythingSeen() {
        RawRecordWatermarks.Generator g = new RawRecordWatermarks.Generator(OOO);
        Collected out = new Collected();
        g.onPeriodicEmit(out);
        g.onEvent(null, T0, out);
        g.onEvent(null, T0 + 10, out);
        g.onEvent(null, Long.MIN_VALUE, out); // a timestamp the assigner rejected
        g.onPeriodicEmit(out);
        assertThat(out.marks).containsExactly(Long.MIN_VALUE, T0 - OOO - 1, T0 + 10 - OOO - 1);
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
