package io.fleetstream.sinks.lake.internal;

import java.io.IOException;
import org.apache.flink.streaming.api.functions.sink.filesystem.PartFileInfo;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.CheckpointRollingPolicy;

/**
 * Closes a part file on every checkpoint (bulk formats must: a Parquet file cannot be resumed after a restore), and
 * between checkpoints once it reaches a size or has been open for a while.
 */
public final class SizeAndAgeRollingPolicy<IN, BucketID> extends CheckpointRollingPolicy<IN, BucketID> {
    private static final long serialVersionUID = 1L;

    private final long maxBytes;
    private final long maxAgeMillis;

    public SizeAndAgeRollingPolicy(long maxBytes, long maxAgeMillis) {
        this.maxBytes = maxBytes;
        this.maxAgeMillis = maxAgeMillis;
    }

    /** The size is what reached the file: Parquet holds the current row group in memory until it is full. */
    @Override
    public boolean shouldRollOnEvent(PartFileInfo<BucketID> part, IN element) throws IOException {
        return part.getSize() >= maxBytes;
    }

    /** Age in processing time, from when the part file was opened. */
    @Override
    public boolean shouldRollOnProcessingTime(PartFileInfo<BucketID> part, long currentTime) {
        return currentTime - part.getCreationTime() >= maxAgeMillis;
    }
}
