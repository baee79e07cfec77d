package io.fleetstream.connectors.kinesis.source.internal;

import java.util.List;
import java.util.Objects;

/** One shard as the enumerator checkpoints it: its parents and how far it is. */
public final class ShardEntry {
    /** PENDING: not yet given to a reader; ASSIGNED: a reader has it (or its checkpoint does); FINISHED. */
    public enum Status { PENDING, ASSIGNED, FINISHED }

    public final String shardId;
    /** Zero (a shard of the stream's creation), one (split) or two (merge) parent shard ids. */
    public final List<String> parents;
    public final Status status;
    /** Set when FINISHED, else null. */
    public final ShardOutcome outcome;

    public ShardEntry(String shardId, List<String> parents, Status status, ShardOutcome outcome) {
        this.shardId = Objects.requireNonNull(shardId, "shardId");
        this.parents = List.copyOf(parents);
        this.status = Objects.requireNonNull(status, "status");
        if ((status == Status.FINISHED) != (outcome != null)) {
            throw new IllegalArgumentException("a shard has an outcome exactly when it is finished: " + shardId);
        }
        this.outcome = outcome;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ShardEntry)) {
            return false;
        }
        ShardEntry that = (ShardEntry) o;
        return shardId.equals(that.shardId) && parents.equals(that.parents) && status == that.status
                && outcome == that.outcome;
    }

    @Override
    public int hashCode() {
        return Objects.hash(shardId, parents, status, outcome);
    }

    @Override
    public String toString() {
        return shardId + parents + " " + status + (outcome != null ? " " + outcome : "");
    }
}
