package io.fleetstream.connectors.kinesis.sink;

import io.fleetstream.connectors.kinesis.KinesisClients;
import io.fleetstream.compat.AsyncSinkCompat;
import io.fleetstream.connectors.kinesis.sink.internal.KinesisEntry;
import io.fleetstream.connectors.kinesis.sink.internal.KinesisEntryConverter;
import io.fleetstream.connectors.kinesis.sink.internal.KinesisEntryStateSerializer;
import io.fleetstream.connectors.kinesis.sink.internal.KinesisSinkWriter;
import io.fleetstream.connectors.kinesis.sink.internal.RecordLimits;
import io.fleetstream.connectors.kinesis.sink.internal.SinkSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes elements to a Kinesis data stream with PutRecords, at-least-once. Batches hold at most 500 records and
 * 5 MiB; records the stream did not take (a partial failure) and throttled or failed calls are sent again after a
 * backoff; an error that retrying cannot fix (no such stream, access denied, an invalid request) fails the job with
 * the stream and the error in its message. Everything buffered is sent before each checkpoint completes. An element
 * that can never be put (over 1 MiB with its partition key, a key of 0 or over 256 characters) is not sent: it is
 * counted in the {@code kinesis.records-failed} metric and logged. Metrics {@code kinesis.records-sent} and
 * {@code kinesis.records-retried} count the rest.
 *
 * <pre>{@code
 * stream.sinkTo(KinesisSink.<Alarm>builder()
 *         .streamArn("arn:aws:kinesis:eu-west-1:123456789012:stream/alarms")
 *         .serializationSchema(new AlarmJson())
 *         .partitionKey(a -> a.deviceId)
 *         .build());
 * }</pre>
 */
public final class KinesisSink<T> extends AsyncSinkCompat<T, KinesisEntry> {
    private static final long serialVersionUID = 1L;

    /** Largest record Kinesis takes: data plus partition key, in bytes. */
    public static final int MAX_RECORD_BYTES = RecordLimits.MAX_RECORD_BYTES;
    /** Longest partition key Kinesis takes, in characters. */
    public static final int MAX_PARTITION_KEY_CHARS = RecordLimits.MAX_KEY_CHARS;

    /** Batches in flight per subtask: a few keep a subtask's shards busy without piling up throttled calls. */
    static final int MAX_IN_FLIGHT = 8;
    static final int MAX_BUFFERED = 20 * RecordLimits.MAX_RECORDS_PER_REQUEST;

    private final KinesisEntryConverter<T> converter;
    private final SinkSettings settings;

    private KinesisSink(KinesisEntryConverter<T> converter, SinkSettings settings, long maxBatchDelayMillis) {
        super(converter, RecordLimits.MAX_RECORDS_PER_REQUEST, MAX_IN_FLIGHT, MAX_BUFFERED,
                RecordLimits.MAX_REQUEST_BYTES, maxBatchDelayMillis, RecordLimits.MAX_RECORD_BYTES);
        this.converter = converter;
        this.settings = settings;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    @Override
    public KinesisSinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return restoreWriter(context, Collections.emptyList());
    }

    @Override
    public KinesisSinkWriter<T> restoreWriter(WriterInitContext context,
            Collection<BufferedRequestState<KinesisEntry>> recovered) throws IOException {
        try {
            return new KinesisSinkWriter<>(converter, context, writerConfiguration(), recovered, settings);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot open the serialization schema of the sink to " + settings.streamArn, e);
        }
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<KinesisEntry>> getWriterStateSerializer() {
        return new KinesisEntryStateSerializer();
    }

    /** Builds a {@link KinesisSink}; stream ARN, serialization schema and partition key are required. */
    public static final class Builder<T> {
        private static final Pattern ARN =
                Pattern.compile("arn:aws[\\w-]*:kinesis:([\\w-]+):\\d{12}:stream/[\\w.-]{1,128}");

        private String streamArn;
        private SerializationSchema<T> schema;
        private PartitionKey<T> partitionKey;
        private final Properties clientProperties = new Properties();
        private Duration maxBatchDelay = Duration.ofMillis(500);

        private Builder() {}

        /** The stream, {@code arn:aws:kinesis:<region>:<account>:stream/<name>}. */
        public Builder<T> streamArn(String streamArn) {
            this.streamArn = streamArn;
            return this;
        }

        /** The record data of an element. */
        public Builder<T> serializationSchema(SerializationSchema<T> schema) {
            this.schema = schema;
            return this;
        }

        public Builder<T> partitionKey(PartitionKey<T> partitionKey) {
            this.partitionKey = partitionKey;
            return this;
        }

        /**
         * AWS client settings with the Kinesis connector's keys (see {@link KinesisClients}): {@code aws.region}
         * (default: the ARN's), {@code aws.endpoint}, {@code aws.credentials.provider} ({@code BASIC} with
         * {@code aws.credentials.provider.basic.accesskeyid} and {@code .secretkey}, or {@code AUTO}, the default
         * chain and the default), {@code aws.http.protocol.version} ({@code HTTP1_1} or {@code HTTP2}).
         */
        public Builder<T> clientProperties(Properties p) {
            clientProperties.clear();
            clientProperties.putAll(p);
            return this;
        }

        /** Longest a record waits for its batch to fill (default 500 ms). */
        public Builder<T> maxBatchDelay(Duration delay) {
            if (delay == null || delay.toMillis() < 1) {
                throw new IllegalArgumentException("expected a batch delay of at least 1 ms, got " + delay);
            }
            this.maxBatchDelay = delay;
            return this;
        }

        /** @throws IllegalArgumentException naming what is missing or wrong */
        public KinesisSink<T> build() {
            Matcher arn = ARN.matcher(streamArn == null ? "" : streamArn);
            if (!arn.matches()) {
                throw new IllegalArgumentException("invalid stream ARN '" + streamArn
                        + "': expected arn:aws:kinesis:<region>:<account>:stream/<name>");
            }
            if (schema == null || partitionKey == null) {
                throw new IllegalArgumentException("the Kinesis sink to " + streamArn + " needs a "
                        + (schema == null ? "serialization schema" : "partition key"));
            }
            KinesisClients.validate(clientProperties);
            Properties p = new Properties();
            p.putAll(clientProperties);
            return new KinesisSink<>(new KinesisEntryConverter<>(schema, partitionKey),
                    new SinkSettings(streamArn, arn.group(1), p), maxBatchDelay.toMillis());
        }
    }
}
