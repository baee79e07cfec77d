package io.fleetstream.sinks.lake;

import io.fleetstream.lake.LakeTable;
import io.fleetstream.sinks.lake.internal.LakeFileSinks;
import org.apache.flink.connector.file.sink.FileSink;

/**
 * The lake's sinks: one {@link FileSink} of Parquet files per table under {@code <lake>/<table>/}, partitioned by
 * event time and device group. Part files are committed on checkpoints, so the lake gets each row exactly once;
 * {@link LakeFiles} sets how big they get and whether they are compacted.
 */
public final class LakeSinks {
    private LakeSinks() {}

    public static <T> FileSink<T> forTable(String lakePath, LakeTable<T> table, LakeFiles files) {
        return LakeFileSinks.create(lakePath, table, files);
    }
}
