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
 * <p>Besides the periodic emits, a record that moves the watermark {@link #STEP_MILLIS} or more past the last one
 * emitted emits it at once. Live, event time advances with the clock and the periodic emits keep within a fraction
 * of a second of it, so this adds next to nothing; reading recorded data (a file, a replay, a back-fill) a periodic
 * emit may come only after hours of event time were read, and which readings are late (behind the allowed
 * lateness) would depend on the read speed. With the step, a reading is late or not whatever the speed unless it
 * falls within a step of the boundary.
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

    /** Flink's bounded out-of-orderness ({@code max - ooo - 1}), also emitted on a record that moves it a step. */
    static final class Generator implements WatermarkGenerator<RawRecord> {
        private final long outOfOrdernessMillis;
        private long max;
        private long emitted = Long.MIN_VALUE;

        Generator(long outOfOrdernessMillis) {
            this.outOfOrdernessMillis = outOfOrdernessMillis;
            this.max = Long.MIN_VALUE + outOfOrdernessMillis + 1;
        }

        @Override
        public void onEvent(RawRecord event, long timestamp, WatermarkOutput output) {
            if (timestamp <= max) {
                return;
            }
            max = timestamp;
            long w = current();
            if (emitted == Long.MIN_VALUE || w - emitted >= STEP_MILLIS) {
                emit(w, output);
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            emit(current(), output);
        }

        private long current() {
            return max - outOfOrdernessMillis - 1;
        }

        private void emit(long w, WatermarkOutput output) {
            emitted = w;
            output.emitWatermark(new Watermark(w));
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
