package io.fleetstream.operators.time;

import io.fleetstream.model.RawRecord;
import io.fleetstream.operators.parse.ParseSettings;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks for raw records, generated in the source per partition, shard or file: bounded out-of-orderness over
 * the payloads' event times, with idleness. Timestamps the parser would reject (before 2000, or further ahead of
 * ingest time than {@code parse.max-future}) are ignored, so one device with a broken clock cannot move the
 * watermark.
 */
public final class RawRecordWatermarks {
    private RawRecordWatermarks() {}

    public static WatermarkStrategy<RawRecord> strategy(Duration outOfOrderness, Duration idleness,
            Duration maxFuture) {
        return WatermarkStrategy.<RawRecord>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner(new Assigner(maxFuture.toMillis()))
                .withIdleness(idleness);
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
            if (t < ParseSettings.MIN_TIMESTAMP || t - r.ingestTime > maxFutureMillis) {
                return Long.MIN_VALUE;
            }
            return t;
        }
    }
}
