package io.fleetstream.sinks.lake.internal;

import io.fleetstream.sinks.lake.LakeFiles;
import io.fleetstream.lake.LakeParquet;
import io.fleetstream.lake.LakeTable;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.sink.compactor.FileCompactStrategy;
import org.apache.flink.connector.file.sink.compactor.RecordWiseFileCompactor;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;

/** Builds the Parquet {@link FileSink} of one lake table. */
public final class LakeFileSinks {
    private LakeFileSinks() {}

    /** How often part files are checked for their age at most (Flink's default bucket check interval). */
    private static final long MAX_AGE_CHECK_MILLIS = 60_000;

    public static <T> FileSink<T> create(String lakePath, LakeTable<T> table, LakeFiles files) {
        String root = lakePath.endsWith("/") ? lakePath.substring(0, lakePath.length() - 1) : lakePath;
        FileSink.DefaultBulkFormatBuilder<T> sink = FileSink.forBulkFormat(new Path(root + "/" + table.name()),
                        LakeParquet.writer(table))
                .withBucketAssigner(new PartitionBucketAssigner<>(table))
                // Bulk formats must also roll on checkpoints: that is what makes the files exactly-once.
                .withRollingPolicy(new SizeAndAgeRollingPolicy<>(files.maxPartBytes(), files.maxPartAgeMillis()))
                // Often enough that a file is not much older than its limit when it rolls.
                .withBucketCheckInterval(ageCheckMillis(files))
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(".parquet").build());
        if (files.compacted()) {
            // Until merged, the sink's own files are hidden (a leading dot); the merged file is compacted-part-*.
            sink = sink.enableCompact(FileCompactStrategy.Builder.newBuilder()
                            .enableCompactionOnCheckpoint(files.compactionCheckpoints())
                            .setSizeThreshold(files.maxPartBytes())
                            .build(),
                    new RecordWiseFileCompactor<>(LakeParquet.<T>compactionReader()));
        }
        return sink.build();
    }

    private static long ageCheckMillis(LakeFiles files) {
        return Math.max(1_000, Math.min(MAX_AGE_CHECK_MILLIS, files.maxPartAgeMillis() / 2));
    }
}
