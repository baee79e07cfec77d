package io.fleetstream.connectors.kinesis.source;

import io.fleetstream.connectors.kinesis.KinesisClients;
import io.fleetstream.connectors.kinesis.source.internal.KinesisEnumerator;
import io.fleetstream.connectors.kinesis.source.internal.KinesisEnumeratorState;
import io.fleetstream.connectors.kinesis.source.internal.KinesisEnumeratorStateSerializer;
import io.fleetstream.connectors.kinesis.source.internal.KinesisShardSplit;
import io.fleetstream.connectors.kinesis.source.internal.KinesisShardSplitSerializer;
import io.fleetstream.connectors.kinesis.source.internal.KinesisSourceReader;
import io.fleetstream.connectors.kinesis.source.internal.SourceSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A Kinesis Data Streams source, one split per shard (so {@code fromSource} with a watermark strategy generates
 * watermarks per shard), read with GetRecords. It lists the stream's shards with ListShards, at the start and then
 * every discovery interval, and reads a shard once its parents are read to their end, so that the records of a key
 * keep their order across a reshard. Positions are checkpointed per shard, down to the sub-record of a KPL
 * aggregate, so a job restored from a checkpoint neither loses nor repeats records. Unbounded unless given a stop
 * instant: then every shard is read up to its first record that arrived at or after it (or to its end, if a
 * reshard closed it first, or to its tip once the instant is past), children created after it are not read, and
 * the source ends when every shard is read. With {@link Builder#enhancedFanOut} an unbounded source reads through
 * SubscribeToShard subscriptions of a stream consumer instead of polling, with the same positions, de-aggregation
 * and per-shard watermarks.
 */
public final class KinesisSource<T>
        implements Source<T, KinesisShardSplit, KinesisEnumeratorState>, ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;

    private final SourceSettings settings;
    private final KinesisDeserializer<T> deserializer;

    private KinesisSource(SourceSettings settings, KinesisDeserializer<T> deserializer) {
        this.settings = settings;
        this.deserializer = deserializer;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    @Override
    public Boundedness getBoundedness() {
        return settings.isBounded() ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<T, KinesisShardSplit> createReader(SourceReaderContext context) {
        return KinesisSourceReader.create(settings, deserializer, context);
    }

    @Override
    public SplitEnumerator<KinesisShardSplit, KinesisEnumeratorState> createEnumerator(
            SplitEnumeratorContext<KinesisShardSplit> context) {
        return new KinesisEnumerator(context, settings, KinesisEnumeratorState.empty());
    }

    @Override
    public SplitEnumerator<KinesisShardSplit, KinesisEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<KinesisShardSplit> context, KinesisEnumeratorState checkpoint) {
        return new KinesisEnumerator(context, settings, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<KinesisShardSplit> getSplitSerializer() {
        return new KinesisShardSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<KinesisEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new KinesisEnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return deserializer.getProducedType();
    }

    public static final class Builder<T> {
        private static final Pattern ARN = Pattern.compile("arn:aws[\\w-]*:kinesis:[\\w-]+:\\d{12}:stream/[\\w.-]+");

        /** GetRecords' own maximum. */
        public static final int MAX_RECORDS_PER_POLL = 10_000;
        /** Kinesis allows five GetRecords calls a second on a shard, shared by every consumer of the stream. */
        public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(200);
        public static final Duration DEFAULT_SHARD_DISCOVERY_INTERVAL = Duration.ofSeconds(10);

        private String streamArn;
        private KinesisDeserializer<T> deserializer;
        private StartingPosition start = StartingPosition.trimHorizon();
        private Instant stopAt;
        private boolean stopAtStreamEnd;
        private int recordsPerPoll = MAX_RECORDS_PER_POLL;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Duration shardDiscoveryInterval = DEFAULT_SHARD_DISCOVERY_INTERVAL;
        private EnhancedFanOut efo;
        private final Properties clientProperties = new Properties();

        private Builder() {}

        /** The stream, {@code arn:aws:kinesis:<region>:<account>:stream/<name>}. Required. */
        public Builder<T> streamArn(String arn) {
            this.streamArn = arn;
            return this;
        }

        /**
         * AWS client settings with the Kinesis connector's keys: {@code aws.region} (default: the ARN's),
         * {@code aws.endpoint}, {@code aws.credentials.provider} ({@code BASIC} with
         * {@code aws.credentials.provider.basic.accesskeyid} and {@code .secretkey}, or {@code AUTO}, the default
         * chain, also the default), {@code aws.http.protocol.version} ({@code HTTP1_1} or {@code HTTP2}).
         */
        public Builder<T> clientProperties(Properties p) {
            clientProperties.clear();
            clientProperties.putAll(p);
            return this;
        }

        /** Required, this or {@link #deserializationSchema}. */
        public Builder<T> deserializer(KinesisDeserializer<T> deserializer) {
            this.deserializer = deserializer;
            return this;
        }

        /** A schema that sees each (user) record's payload only. */
        public Builder<T> deserializationSchema(DeserializationSchema<T> schema) {
            this.deserializer = KinesisDeserializer.of(Objects.requireNonNull(schema, "schema"));
            return this;
        }

        /** Where a source without a checkpoint starts in each shard; default the trim horizon. */
        public Builder<T> startingPosition(StartingPosition start) {
            this.start = Objects.requireNonNull(start, "start");
            return this;
        }

        /** Makes the source bounded: it reads records that arrived before {@code stopAt} (exclusive). */
        public Builder<T> stopAt(Instant stopAt) {
            this.stopAt = Objects.requireNonNull(stopAt, "stopAt");
            this.stopAtStreamEnd = false;
            return this;
        }

        /**
         * Makes the source bounded at the end the stream has when the source is built: records that arrived before
         * then, by this machine's clock against the stream's arrival times.
         */
        public Builder<T> stopAtStreamEnd() {
            this.stopAt = null;
            this.stopAtStreamEnd = true;
            return this;
        }

        /** At most this many records a GetRecords call, 1 to 10,000 (the default). */
        public Builder<T> maxRecordsPerPoll(int n) {
            if (n < 1 || n > MAX_RECORDS_PER_POLL) {
                throw new IllegalArgumentException("records per poll must be 1 to " + MAX_RECORDS_PER_POLL + ": " + n);
            }
            this.recordsPerPoll = n;
            return this;
        }

        /** The least time between two GetRecords calls on one shard; default 200 ms. */
        public Builder<T> pollInterval(Duration interval) {
            this.pollInterval = positive(interval, "poll interval");
            return this;
        }

        /** How often an unbounded source lists the stream's shards to pick up new ones; default 10 s. */
        public Builder<T> shardDiscoveryInterval(Duration interval) {
            this.shardDiscoveryInterval = positive(interval, "shard discovery interval");
            return this;
        }

        /**
         * Reads with enhanced fan-out (SubscribeToShard) through this stream consumer rather than polling; an
         * unbounded source only. Null polls (the default).
         */
        public Builder<T> enhancedFanOut(EnhancedFanOut efo) {
            this.efo = efo;
            return this;
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("the " + what + " must be positive: " + d);
            }
            return d;
        }

        /** @throws IllegalArgumentException naming what is missing or wrong */
        public KinesisSource<T> build() {
            if (streamArn == null || streamArn.isBlank()) {
                throw new IllegalArgumentException("the Kinesis source needs a stream ARN "
                        + "(arn:aws:kinesis:<region>:<account>:stream/<name>)");
            }
            if (!ARN.matcher(streamArn).matches()) {
                throw new IllegalArgumentException("invalid stream ARN '" + streamArn
                        + "': expected arn:aws:kinesis:<region>:<account>:stream/<name>");
            }
            if (deserializer == null) {
                throw new IllegalArgumentException("the Kinesis source needs a deserializer");
            }
            if (efo != null && (stopAt != null || stopAtStreamEnd)) {
                // A subscription pushes what arrives and ends only with its shard: a window's end is found by
                // reading up to it, which polling does, and a replay's shards are read once, where a dedicated
                // throughput a shard buys nothing.
                throw new IllegalArgumentException("enhanced fan-out reads an unbounded source only: a bounded read "
                        + "(stopAt, stopAtStreamEnd) polls with GetRecords");
            }
            if (efo != null && efo.consumerArn() != null && !efo.consumerArn().startsWith(streamArn + "/consumer/")) {
                throw new IllegalArgumentException("stream consumer '" + efo.consumerArn() + "' is not a consumer of "
                        + streamArn + ": expected " + streamArn + "/consumer/<name>:<creation time>");
            }
            KinesisClients.validate(clientProperties);
            Instant stop = stopAtStreamEnd ? Instant.now() : stopAt;
            return new KinesisSource<>(new SourceSettings(streamArn, start, stop, recordsPerPoll,
                    pollInterval.toMillis(), shardDiscoveryInterval.toMillis(), efo, clientProperties), deserializer);
        }
    }
}
