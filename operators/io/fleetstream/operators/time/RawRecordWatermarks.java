package io.fleetstream.operators.time;

import io.fleetstream.model.EventTime;
import io.fleetstream.model.RawRecord;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks for raw records, generated in the source per partition, shard or file: bounded out-of-orderness over
 * the payloads' event times, with idleness. Timestamps the parser would reject ({@link EventTime}'s rules: the
 * scanner reads them, the assigner adds {@code parse.max-future}) are ignored, so one device with a broken clock, or
 * a record that can only be a dead letter for its time, cannot move the watermark.
 *
 * <p>The watermark moves in whole steps of {@link #STEP_MILLIS}: after each record it is Flink's bounded
 * out-of-orderness watermark ({@code max - ooo - 1}) rounded down to a step, emitted at once when that is a step
 * further. So the watermark that follows any record is a function of the records read up to it, not of when the
 * periodic emits came (reading recorded data, a periodic emit may come only after hours of event time were read)
 * nor of where a restore started this generator afresh (the operators' checkpointed floors hold what the records
 * before the restore had given it, and the larger of the two is the same step). Which readings are late then does
 * not depend on read speed or restarts. Live, it costs at most a step of latency.
 */
public final class RawRecordWatermarks {
    private RawRecordWatermarks() {}

    /** Event time the watermark may fall behind the records read before a record emits it. */
    public static final long STEP_MILLIS = 1_000L;

    public static WatermarkStrategy<RawRecord> strategy(Duration outOfOrderness, Duration idleness,
            Duration maxFuture) {
        long ooo = outOfOrderness.toMillis();
        return WatermarkStrategy.<RawRecord>forGenerator(ctx -> new Generator(ooo))
                .withTimestampAssigner(new Assigner(maxFuture.toMillis()))
                .withIdleness(idleness);
    }

    /** Flink's bounded out-of-orderness ({@code max - ooo - 1}) in whole steps, emitted on the record that makes one. */
    static final class Generator implements WatermarkGenerator<RawRecord> {
        private final long outOfOrdernessMillis;
        private long max = Long.MIN_VALUE;
        private long emitted = Long.MIN_VALUE;

        Generator(long outOfOrdernessMillis) {
            this.outOfOrdernessMillis = outOfOrdernessMillis;
        }

        @Override
        public void onEvent(RawRecord event, long timestamp, WatermarkOutput output) {
            if (timestamp <= max) {
                return;
            }
            max = timestamp;
            emitIfFurther(output);
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            // the same steps: a periodic emit only repeats what the records already gave
            emitIfFurther(output);
        }

        /** The watermark the records read so far give: {@code max - ooo - 1}, rounded down to a step. */
        long current() {
            // nothing read yet (or times so early that rounding down would pass Long.MIN_VALUE)
            if (max < Long.MIN_VALUE + outOfOrdernessMillis + 1 + STEP_MILLIS) {
                return Long.MIN_VALUE;
            }
            long w = max - outOfOrdernessMillis - 1;
            return w - Math.floorMod(w, STEP_MILLIS);
        }

        private void emitIfFurther(WatermarkOutput output) {
            long w = current();
            if (w > emitted) {
                emitted = w;
                output.emitWatermark(new Watermark(w));
            }
        }
    }

    static final class Assigner implements SerializableTimestampAssigner<RawRecord> {
        private static final long serialVersionUID = 1L;
        private final long maxFutureMillis;

        Assigner(long maxFutureMillis) {
            this.maxFutureMillis = maxFutureMillis;
        }

        @Override
        public long extractTimestamp(RawRecord r, long previous) {
            long t = r.payload == null ? Long.MIN_VALUE : EventTimeScanner.scan(r.payload);
            // Checking the earliest is enough: if it is too far ahead, so is every other time in the payload.
            return t == Long.MIN_VALUE || EventTime.tooFarAhead(t, r.ingestTime, maxFutureMillis) ? Long.MIN_VALUE : t;
        }
    }
}
