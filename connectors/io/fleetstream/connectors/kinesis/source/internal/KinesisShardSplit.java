package io.fleetstream.connectors.kinesis.source.internal;

import io.fleetstream.connectors.kinesis.source.StartingPosition;
import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One shard of the stream. A fresh split starts at its starting position; a restored one after the last record it
 * emitted (AFTER_SEQUENCE_NUMBER), or, when that was a sub-record of a KPL aggregate with more to come, at that
 * record again (AT_SEQUENCE_NUMBER) past the sub-records already emitted. A split with an outcome is a finished
 * marker that a reader keeps in its checkpoints, so that the enumerator hears of the finish again after a restore.
 */
public final class KinesisShardSplit implements SourceSplit {
    /** {@link #lastSubSequenceNumber()} when the whole record at the last sequence number was emitted. */
    public static final int WHOLE_RECORD = -1;

    private final String shardId;
    private final StartingPosition start;
    private final String lastSequenceNumber;
    private final int lastSubSequenceNumber;
    private final ShardOutcome outcome;

    public KinesisShardSplit(String shardId, StartingPosition start, String lastSequenceNumber,
            int lastSubSequenceNumber, ShardOutcome outcome) {
        this.shardId = Objects.requireNonNull(shardId, "shardId");
        this.start = start;
        this.lastSequenceNumber = lastSequenceNumber;
        this.lastSubSequenceNumber = lastSequenceNumber == null ? WHOLE_RECORD : lastSubSequenceNumber;
        this.outcome = outcome;
    }

    /** A shard to read from {@code start} (TRIM_HORIZON or AT_TIMESTAMP). */
    public static KinesisShardSplit fresh(String shardId, StartingPosition start) {
        return new KinesisShardSplit(shardId, Objects.requireNonNull(start, "start"), null, WHOLE_RECORD, null);
    }

    /** A shard read to its end. */
    public static KinesisShardSplit finished(String shardId, ShardOutcome outcome) {
        return new KinesisShardSplit(shardId, null, null, WHOLE_RECORD, Objects.requireNonNull(outcome, "outcome"));
    }

    @Override
    public String splitId() {
        return shardId;
    }

    public String shardId() {
        return shardId;
    }

    /** Where a split without a last sequence number starts; null (in splits of version 1) means the source's. */
    public StartingPosition start() {
        return start;
    }

    /** The sequence number of the last record emitted (or partly emitted); null when none was. */
    public String lastSequenceNumber() {
        return lastSequenceNumber;
    }

    /** The last sub-record emitted of the aggregate at {@link #lastSequenceNumber()}, or {@link #WHOLE_RECORD}. */
    public int lastSubSequenceNumber() {
        return lastSubSequenceNumber;
    }

    /** Null while the shard is still to be read. */
    public ShardOutcome outcome() {
        return outcome;
    }

    public boolean isFinished() {
        return outcome != null;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof KinesisShardSplit)) {
            return false;
        }
        KinesisShardSplit that = (KinesisShardSplit) o;
        return shardId.equals(that.shardId) && Objects.equals(start, that.start)
                && Objects.equals(lastSequenceNumber, that.lastSequenceNumber)
                && lastSubSequenceNumber == that.lastSubSequenceNumber && outcome == that.outcome;
    }

    @Override
    public int hashCode() {
        return Objects.hash(shardId, start, lastSequenceNumber, lastSubSequenceNumber, outcome);
    }

    @Override
    public String toString() {
        if (outcome != null) {
            return shardId + " (" + outcome + ")";
        }
        if (lastSequenceNumber == null) {
            return shardId + " from " + (start == null ? "the source's start" : start);
        }
        return shardId + " after " + lastSequenceNumber
                + (lastSubSequenceNumber == WHOLE_RECORD ? "" : "." + lastSubSequenceNumber);
    }
}
