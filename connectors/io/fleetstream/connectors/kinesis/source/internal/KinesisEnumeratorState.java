package io.fleetstream.connectors.kinesis.source.internal;

import io.fleetstream.connectors.kinesis.source.StartingPosition;
import java.util.List;
import java.util.Objects;

/**
 * The enumerator's checkpoint: where fresh shards start (LATEST fixed to the instant of the first start; null
 * before the first start, and in checkpoints of version 1) and every shard it knows with its parents and status.
 */
public final class KinesisEnumeratorState {
    public final StartingPosition start;
    public final List<ShardEntry> shards;

    public KinesisEnumeratorState(StartingPosition start, List<ShardEntry> shards) {
        this.start = start;
        this.shards = List.copyOf(shards);
    }

    public static KinesisEnumeratorState empty() {
        return new KinesisEnumeratorState(null, List.of());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KinesisEnumeratorState && Objects.equals(start, ((KinesisEnumeratorState) o).start)
                && shards.equals(((KinesisEnumeratorState) o).shards);
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, shards);
    }

    @Override
    public String toString() {
        return "KinesisEnumeratorState" + (start == null ? "" : " from " + start) + shards;
    }
}
