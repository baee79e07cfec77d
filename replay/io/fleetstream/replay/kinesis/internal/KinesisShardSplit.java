package io.fleetstream.replay.kinesis.internal;

import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One shard of the replayed stream. A fresh split starts at the window's start (AT_TIMESTAMP); a restored one
 * after the last record it emitted (AFTER_SEQUENCE_NUMBER). A split with an outcome is a finished marker that a
 * reader keeps in its checkpoints, so that the enumerator hears of the finish again after a restore.
 */
public final class KinesisShardSplit implements SourceSplit {
    private final String shardId;
    private final String lastSequenceNumber;
    private final ShardOutcome outcome;

    public KinesisShardSplit(String shardId, String lastSequenceNumber, ShardOutcome outcome) {
        this.shardId = Objects.requireNonNull(shardId, "shardId");
        this.lastSequenceNumber = lastSequenceNumber;
        this.outcome = outcome;
    }

    /** A shard to read from the start of the window. */
    public static KinesisShardSplit fresh(String shardId) {
        return new KinesisShardSplit(shardId, null, null);
    }

    /** A shard read to its end. */
    public static KinesisShardSplit finished(String shardId, ShardOutcome outcome) {
        return new KinesisShardSplit(shardId, null, Objects.requireNonNull(outcome, "outcome"));
    }

    @Override
    public String splitId() {
        return shardId;
    }

    public String shardId() {
        return shardId;
    }

    /** The sequence number of the last record emitted; null when none was. */
    public String lastSequenceNumber() {
        return lastSequenceNumber;
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
        return shardId.equals(that.shardId) && Objects.equals(lastSequenceNumber, that.lastSequenceNumber)
                && outcome == that.outcome;
    }

    @Override
    public int hashCode() {
        return Objects.hash(shardId, lastSequenceNumber, outcome);
    }

    @Override
    public String toString() {
        return shardId + (outcome != null ? " (" + outcome + ")"
                : lastSequenceNumber != null ? " after " + lastSequenceNumber : " from the window's start");
    }
}
