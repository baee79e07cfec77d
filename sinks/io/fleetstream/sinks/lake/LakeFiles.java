package io.fleetstream.sinks.lake;

import java.io.Serializable;
import java.time.Duration;

/**
 * How big a lake table's part files get. Parquet part files are closed on every checkpoint (that is what makes
 * them exactly-once), and also once they reach a size or an age, which bounds them when checkpoints are far apart.
 * Optionally Flink's file compaction merges a partition's files of several checkpoints into one before readers
 * see them.
 */
public final class LakeFiles implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long maxPartBytes;
    private final long maxPartAgeMillis;
    private final int compactionCheckpoints;

    private LakeFiles(long maxPartBytes, long maxPartAgeMillis, int compactionCheckpoints) {
        if (maxPartBytes <= 0 || maxPartAgeMillis <= 0) {
            throw new IllegalArgumentException("part files need a positive size and age limit, not "
                    + maxPartBytes + " bytes and " + maxPartAgeMillis + " ms");
        }
        this.maxPartBytes = maxPartBytes;
        this.maxPartAgeMillis = maxPartAgeMillis;
        this.compactionCheckpoints = compactionCheckpoints;
    }

    /** Part files closed on checkpoints and once they reach this size or age; no compaction. */
    public static LakeFiles rolling(long maxPartBytes, Duration maxPartAge) {
        return new LakeFiles(maxPartBytes, maxPartAge.toMillis(), 0);
    }

    /**
     * With compaction: a partition's files of this many checkpoints (or fewer, once they add up to the maximum part
     * size) are merged into one; rows reach readers when their files are merged.
     */
    public LakeFiles compactedEvery(int checkpoints) {
        if (checkpoints < 1) {
            throw new IllegalArgumentException("compaction needs at least 1 checkpoint, not " + checkpoints);
        }
        return new LakeFiles(maxPartBytes, maxPartAgeMillis, checkpoints);
    }

    public long maxPartBytes() {
        return maxPartBytes;
    }

    public long maxPartAgeMillis() {
        return maxPartAgeMillis;
    }

    public boolean compacted() {
        return compactionCheckpoints > 0;
    }

    /** Checkpoints whose files are merged together; 0 without compaction. */
    public int compactionCheckpoints() {
        return compactionCheckpoints;
    }
}
