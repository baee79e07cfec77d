package io.fleetstream.replay.kinesis;

import io.fleetstream.model.RawRecord;
import io.fleetstream.connectors.kinesis.KinesisClients;
import io.fleetstream.replay.kinesis.internal.KinesisShardSplit;
import io.fleetstream.replay.kinesis.internal.KinesisShardSplitSerializer;
import io.fleetstream.replay.kinesis.internal.ReplayEnumerator;
import io.fleetstream.replay.kinesis.internal.ReplayEnumeratorState;
import io.fleetstream.replay.kinesis.internal.ReplayEnumeratorStateSerializer;
import io.fleetstream.replay.kinesis.internal.ReplaySettings;
import io.fleetstream.replay.kinesis.internal.ReplaySourceReader;
import java.time.Instant;
import java.util.Properties;
import java.util.regex.Pattern;
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
 * A bounded source of the records that arrived in a Kinesis data stream in a time window: every shard is read
 * from {@code from} (AT_TIMESTAMP) up to its first record that arrived at or after {@code to}, to its end if a
 * reshard closed it first, or to its tip once {@code to} is past. Parent shards are read before their children,
 * and children created after the window are not read. Positions are checkpointed per shard, so a replay restored
 * from a checkpoint neither loses nor repeats records; when every shard is read the source ends, and the job with
 * it. Windows are by arrival time in the stream, not event time: the job filters events by their own time.
 */
public final class KinesisReplaySource
        implements Source<RawRecord, KinesisShardSplit, ReplayEnumeratorState>, ResultTypeQueryable<RawRecord> {
    private static final long serialVersionUID = 1L;

    private final ReplaySettings settings;

    private KinesisReplaySource(ReplaySettings settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<RawRecord, KinesisShardSplit> createReader(SourceReaderContext context) {
        return ReplaySourceReader.create(settings, context);
    }

    @Override
    public SplitEnumerator<KinesisShardSplit, ReplayEnumeratorState> createEnumerator(
            SplitEnumeratorContext<KinesisShardSplit> context) {
        return new ReplayEnumerator(context, settings, ReplayEnumeratorState.empty());
    }

    @Override
    public SplitEnumerator<KinesisShardSplit, ReplayEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<KinesisShardSplit> context, ReplayEnumeratorState checkpoint) {
        return new ReplayEnumerator(context, settings, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<KinesisShardSplit> getSplitSerializer() {
        return new KinesisShardSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<ReplayEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new ReplayEnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }

    public static final class Builder {
        private static final Pattern ARN = Pattern.compile("arn:aws[\\w-]*:kinesis:[\\w-]+:\\d{12}:stream/[\\w.-]+");

        private static final int MAX_RECORDS_PER_POLL = 10_000;

        private String streamArn;
        private Instant from;
        private Instant to;
        private int recordsPerPoll = MAX_RECORDS_PER_POLL;
        private final Properties clientProperties = new Properties();

        private Builder() {}

        /** The stream, {@code arn:aws:kinesis:<region>:<account>:stream/<name>}. Required. */
        public Builder streamArn(String arn) {
            this.streamArn = arn;
            return this;
        }

        /** Start of the window (inclusive), by arrival time in the stream. Required. */
        public Builder from(Instant from) {
            this.from = from;
            return this;
        }

        /** End of the window (exclusive), by arrival time in the stream. Required. */
        public Builder to(Instant to) {
            this.to = to;
            return this;
        }

        /**
         * AWS client settings with the Kinesis connector's keys: {@code aws.region} (default: the ARN's),
         * {@code aws.endpoint}, {@code aws.credentials.provider} ({@code BASIC} with
         * {@code aws.credentials.provider.basic.accesskeyid} and {@code .secretkey}, or {@code AUTO}, the default
         * chain, also the default), {@code aws.http.protocol.version} ({@code HTTP1_1} or {@code HTTP2}).
         */
        public Builder clientProperties(Properties p) {
            clientProperties.clear();
            clientProperties.putAll(p);
            return this;
        }

        /** At most this many records a GetRecords call; tests make shards take several calls with it. */
        Builder recordsPerPoll(int n) {
            if (n < 1 || n > MAX_RECORDS_PER_POLL) {
                throw new IllegalArgumentException("records per poll must be 1 to " + MAX_RECORDS_PER_POLL + ": " + n);
            }
            this.recordsPerPoll = n;
            return this;
        }

        /** @throws IllegalArgumentException naming what is missing or wrong */
        public KinesisReplaySource build() {
            if (streamArn == null || streamArn.isBlank()) {
                throw new IllegalArgumentException("the Kinesis replay needs a stream ARN "
                        + "(arn:aws:kinesis:<region>:<account>:stream/<name>)");
            }
            if (!ARN.matcher(streamArn).matches()) {
                throw new IllegalArgumentException("invalid stream ARN '" + streamArn
                        + "': expected arn:aws:kinesis:<region>:<account>:stream/<name>");
            }
            if (from == null || to == null) {
                throw new IllegalArgumentException("the Kinesis replay needs both ends of its window: "
                        + (from == null ? "from" : "to") + " is missing");
            }
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("the Kinesis replay window is empty: from (" + from
                        + ") must be before to (" + to + ")");
            }
            KinesisClients.validate(clientProperties);
            return new KinesisReplaySource(new ReplaySettings(streamArn, from, to, recordsPerPoll, clientProperties));
        }
    }
}
