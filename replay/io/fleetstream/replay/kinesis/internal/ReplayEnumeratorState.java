package io.fleetstream.replay.kinesis.internal;

import java.util.List;

/** The enumerator's checkpoint: every shard it knows with its parents and status (pending, assigned, finished). */
public final class ReplayEnumeratorState {
    public final List<ShardEntry> shards;

    public ReplayEnumeratorState(List<ShardEntry> shards) {
        this.shards = List.copyOf(shards);
    }

    public static ReplayEnumeratorState empty() {
        return new ReplayEnumeratorState(List.of());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplayEnumeratorState && shards.equals(((ReplayEnumeratorState) o).shards);
    }

    @Override
    public int hashCode() {
        return shards.hashCode();
    }

    @Override
    public String toString() {
        return "ReplayEnumeratorState" + shards;
    }
}
