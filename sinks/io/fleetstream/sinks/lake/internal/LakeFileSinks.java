package io.fleetstream.sinks.lake.internal;

import io.fleetstream.sinks.lake.LakeTable;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/** Builds the Parquet {@link FileSink} of one lake table. */
public final class LakeFileSinks {
    private LakeFileSinks() {}

    public static <T> FileSink<T> create(String lakePath, LakeTable<T> table) {
        String root = lakePath.endsWith("/") ? lakePath.substring(0, lakePath.length() - 1) : lakePath;
        return FileSink.forBulkFormat(new Path(root + "/" + table.name()),
                        new ParquetWriterFactory<>(new TableParquetBuilder<>(table)))
                .withBucketAssigner(new PartitionBucketAssigner<>(table))
                // Bulk formats can only roll on checkpoints: that is also what makes the files exactly-once.
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(".parquet").build())
                .build();
    }
}
