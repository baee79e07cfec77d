package io.fleetstream.sinks.timeseries;

import io.fleetstream.compat.AsyncSinkCompat;
import io.fleetstream.sinks.timeseries.internal.Backoff;
import io.fleetstream.sinks.timeseries.internal.InFlightLimit;
import io.fleetstream.sinks.timeseries.internal.LineProtocolWriter;
import io.fleetstream.sinks.timeseries.internal.LineStateSerializer;
import io.fleetstream.sinks.timeseries.internal.PointConverter;
import io.fleetstream.sinks.timeseries.internal.WriteTarget;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes records as InfluxDB line protocol to an HTTP write API ({@code POST /api/v2/write?org=&bucket=&precision=}
 * with {@code Authorization: Token}), which InfluxDB 2 and 3, Amazon Timestream for InfluxDB and QuestDB serve.
 *
 * <pre>{@code
 * stream.sinkTo(LineProtocolSink.<Rollup>builder()
 *         .endpoint("https://host:8086").org("fleet").bucket("telemetry").token(token)
 *         .precision(Precision.MS).pointWriter(new RollupPoints())
 *         .build());
 * }</pre>
 *
 * <p>Delivery is at least once: lines are batched (by count, bytes and time) and every request in flight
 * completes before a checkpoint does; lines still buffered are kept in the checkpoint. A line written twice lands
 * on the same series and timestamp, so the store overwrites it. HTTP 408, 429, 5xx and network errors are retried
 * with exponential backoff (up to the retry timeout); any other failure status fails the job with the status and
 * the store's answer.
 */
public final class LineProtocolSink<T> extends AsyncSinkCompat<T, byte[]> {
    private static final long serialVersionUID = 1L;

    private final WriteTarget target;

    private LineProtocolSink(Builder<T> b, WriteTarget target, long maxRecordBytes) {
        super(new PointConverter<>(b.pointWriter, b.precision, maxRecordBytes - 1), b.maxBatchSize,
                b.maxInFlightRequests, b.maxBufferedRequests(), b.maxBatchSizeInBytes, b.maxTimeInBufferMS,
                maxRecordBytes);
        this.target = target;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    @Override
    public AsyncSinkWriter<T, byte[]> createWriter(WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public AsyncSinkWriter<T, byte[]> restoreWriter(WriterInitContext context,
            Collection<BufferedRequestState<byte[]>> recoveredState) {
        return new LineProtocolWriter<>(getElementConverter(), context,
                InFlightLimit.configuration(getMaxBatchSize(), getMaxInFlightRequests(), getMaxBufferedRequests(),
                        getMaxBatchSizeInBytes(), getMaxTimeInBufferMS(), getMaxRecordSizeInBytes()),
                recoveredState, target);
    }


    @Override
    public SimpleVersionedSerializer<BufferedRequestState<byte[]>> getWriterStateSerializer() {
        return new LineStateSerializer();
    }

    /** The write URL (the token is not part of it). */
    public URI writeUri() {
        return target.writeUri();
    }

    @Override
    public String toString() {
        return "LineProtocolSink{" + target + '}';
    }

    /**
     * Settings of a {@link LineProtocolSink}. Needed: endpoint, bucket and point writer. The batching knobs are
     * those of Flink's {@code AsyncSinkBase}.
     */
    public static final class Builder<T> {
        private String endpoint;
        private String org;
        private String bucket;
        private String token;
        private Precision precision = Precision.MS;
        private PointWriter<T> pointWriter;
        private int maxBatchSize = 5000;
        private int maxInFlightRequests = 4;
        private int maxBufferedRequests = -1;
        private long maxBatchSizeInBytes = 4L << 20;
        private long maxTimeInBufferMS = 1000;
        private long maxRecordSizeInBytes = -1;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration retryTimeout = Duration.ofMinutes(10);
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(30);

        private Builder() {}

        /** {@code http(s)://host:port}, optionally with a path prefix; {@code /api/v2/write} is appended. */
        public Builder<T> endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** The organization (InfluxDB 2, Timestream for InfluxDB); left out of the request when empty. */
        public Builder<T> org(String org) {
            this.org = org;
            return this;
        }

        /** The bucket (InfluxDB 2), database (InfluxDB 3); QuestDB ignores it. */
        public Builder<T> bucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        /** Sent as {@code Authorization: Token <token>}; no header when empty. */
        public Builder<T> token(String token) {
            this.token = token;
            return this;
        }

        public Builder<T> precision(Precision precision) {
            this.precision = precision;
            return this;
        }

        public Builder<T> pointWriter(PointWriter<T> pointWriter) {
            this.pointWriter = pointWriter;
            return this;
        }

        /** Points per request (default 5000, as InfluxDB recommends). */
        public Builder<T> maxBatchSize(int points) {
            this.maxBatchSize = points;
            return this;
        }

        /** Requests in flight per parallel writer (default 4); more points wait in the buffer. */
        public Builder<T> maxInFlightRequests(int requests) {
            this.maxInFlightRequests = requests;
            return this;
        }

        /** Points buffered per writer before the job is held back (default 4 batches). */
        public Builder<T> maxBufferedRequests(int points) {
            this.maxBufferedRequests = points;
            return this;
        }

        /** Bytes of line protocol per request (default 4 MiB). */
        public Builder<T> maxBatchSizeInBytes(long bytes) {
            this.maxBatchSizeInBytes = bytes;
            return this;
        }

        /** How long a point may wait for its batch to fill (default 1 s). */
        public Builder<T> maxTimeInBufferMS(long millis) {
            this.maxTimeInBufferMS = millis;
            return this;
        }

        /** Longest line written; a longer one is dropped and counted (default: 1 MiB, at most the batch bytes). */
        public Builder<T> maxRecordSizeInBytes(long bytes) {
            this.maxRecordSizeInBytes = bytes;
            return this;
        }

        /** Time for one request, connecting included (default 30 s); a request timing out is retried. */
        public Builder<T> requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /** How long a store may keep failing (408, 429, 5xx, network) before the job fails (default 10 min). */
        public Builder<T> retryTimeout(Duration timeout) {
            this.retryTimeout = timeout;
            return this;
        }

        /** Backoff between retries: doubles from initial to max, with jitter (default 100 ms to 30 s). */
        public Builder<T> backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /** @throws IllegalArgumentException naming the setting that is missing or wrong */
        public LineProtocolSink<T> build() {
            if (pointWriter == null) {
                throw new IllegalArgumentException("pointWriter is required (e.g. new RollupPoints())");
            }
            if (precision == null) {
                throw new IllegalArgumentException("precision is required");
            }
            positive("maxBatchSize", maxBatchSize);
            positive("maxInFlightRequests", maxInFlightRequests);
            positive("maxBatchSizeInBytes", maxBatchSizeInBytes);
            positive("maxTimeInBufferMS", maxTimeInBufferMS);
            if (maxBufferedRequests() <= maxBatchSize) {
                throw new IllegalArgumentException("maxBufferedRequests must be greater than maxBatchSize");
            }
            long maxRecord = maxRecordSizeInBytes > 0 ? maxRecordSizeInBytes : Math.min(1L << 20, maxBatchSizeInBytes);
            if (maxRecord > maxBatchSizeInBytes || maxRecord < 2) {
                throw new IllegalArgumentException("maxRecordSizeInBytes must be from 2 to maxBatchSizeInBytes");
            }
            if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()
                    || retryTimeout == null || retryTimeout.isNegative()) {
                throw new IllegalArgumentException("requestTimeout must be positive and retryTimeout >= 0");
            }
            URI uri = WriteTarget.writeUri(endpoint, org, bucket, precision);
            WriteTarget target = new WriteTarget(uri, token, requestTimeout, retryTimeout,
                    new Backoff(initialBackoff, maxBackoff));
            return new LineProtocolSink<>(this, target, maxRecord);
        }

        private int maxBufferedRequests() {
            return maxBufferedRequests > 0 ? maxBufferedRequests : 4 * maxBatchSize;
        }

        private static void positive(String name, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
        }
    }
}
