package io.fleetstream.connectors.kinesis.source;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a source without a checkpoint starts in each shard. A restored source continues where its checkpoint was,
 * whatever this says.
 */
public final class StartingPosition implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How the position is given; the codes are what enumerator checkpoints store. */
    public enum Kind {
        TRIM_HORIZON(0), LATEST(1), AT_TIMESTAMP(2);

        public final int code;

        Kind(int code) {
            this.code = code;
        }
    }

    private final Kind kind;
    private final Instant timestamp;

    private StartingPosition(Kind kind, Instant timestamp) {
        this.kind = kind;
        this.timestamp = timestamp;
    }

    /** The oldest record the stream retains. */
    public static StartingPosition trimHorizon() {
        return new StartingPosition(Kind.TRIM_HORIZON, null);
    }

    /**
     * Records that arrive from the job's first start on: the enumerator fixes that instant once and keeps it in its
     * checkpoints, so shards it hands out later (after a failure, or children of a reshard) lose nothing that
     * arrived in between.
     */
    public static StartingPosition latest() {
        return new StartingPosition(Kind.LATEST, null);
    }

    /** The first record that arrived at or after {@code timestamp}. */
    public static StartingPosition atTimestamp(Instant timestamp) {
        return new StartingPosition(Kind.AT_TIMESTAMP, Objects.requireNonNull(timestamp, "timestamp"));
    }

    public Kind kind() {
        return kind;
    }

    /** Set for AT_TIMESTAMP only. */
    public Instant timestamp() {
        return timestamp;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StartingPosition && kind == ((StartingPosition) o).kind
                && Objects.equals(timestamp, ((StartingPosition) o).timestamp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, timestamp);
    }

    @Override
    public String toString() {
        return timestamp == null ? kind.toString() : kind + " " + timestamp;
    }
}
