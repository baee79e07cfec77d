package io.fleetstream.replay.kinesis;

import io.fleetstream.connectors.kinesis.source.KinesisSource;
import io.fleetstream.connectors.kinesis.source.StartingPosition;
import io.fleetstream.model.RawRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * The bounded Kinesis source of a replay: the records that arrived in a time window, as {@link RawRecord}s. Every
 * shard is read from {@code from} (AT_TIMESTAMP) up to its first record that arrived at or after {@code to}, to
 * its end if a reshard closed it first, or to its tip once {@code to} is past; parents before children, children
 * created after the window not at all (see {@link KinesisSource}). Positions are checkpointed per shard, so a
 * replay restored from a checkpoint neither loses nor repeats records; when every shard is read the source ends,
 * and the job with it. Windows are by arrival time in the stream, not event time: the job filters events by their
 * own time.
 */
public final class KinesisReplaySource {
    private KinesisReplaySource() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final KinesisSource.Builder<RawRecord> source = KinesisSource.builder();
        private String streamArn;
        private Instant from;
        private Instant to;

        private Builder() {}

        /** The stream, {@code arn:aws:kinesis:<region>:<account>:stream/<name>}. Required. */
        public Builder streamArn(String arn) {
            this.streamArn = arn;
            source.streamArn(arn);
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

        /** AWS client settings, as {@link KinesisSource.Builder#clientProperties} takes them. */
        public Builder clientProperties(Properties p) {
            source.clientProperties(p);
            return this;
        }

        /** At most this many records a GetRecords call; tests make shards take several calls with it. */
        Builder recordsPerPoll(int n) {
            source.maxRecordsPerPoll(n);
            return this;
        }

        /** Tests read shards of many small polls faster with it. */
        Builder pollInterval(Duration interval) {
            source.pollInterval(interval);
            return this;
        }

        /** @throws IllegalArgumentException naming what is missing or wrong */
        public KinesisSource<RawRecord> build() {
            if (streamArn == null || streamArn.isBlank()) {
                throw new IllegalArgumentException("the Kinesis replay needs a stream ARN "
                        + "(arn:aws:kinesis:<region>:<account>:stream/<name>)");
            }
            if (from == null || to == null) {
                throw new IllegalArgumentException("the Kinesis replay needs both ends of its window: "
                        + (from == null ? "from" : "to") + " is missing");
            }
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("the Kinesis replay window is empty: from (" + from
                        + ") must be before to (" + to + ")");
            }
            return source.startingPosition(StartingPosition.atTimestamp(from)).stopAt(to)
                    .deserializer(KinesisRawDeserializer.forStream(streamArn)).build();
        }
    }
}
