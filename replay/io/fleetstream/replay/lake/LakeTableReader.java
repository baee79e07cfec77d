package io.fleetstream.replay.lake;

import io.fleetstream.lake.FlinkInputFile;
import io.fleetstream.lake.LakeFile;
import io.fleetstream.lake.LakeParquet;
import io.fleetstream.lake.LakePartitions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.core.fs.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * Reads any lake table for a time range, on any Flink file system, one partition at a time: for the replay report,
 * which aggregates a run's tables without holding them in memory.
 */
public final class LakeTableReader {
    private LakeTableReader() {}

    /** The committed files of one {@code dt=/hr=/device_group=} partition. */
    public static final class Partition {
        public final long hourStart;
        /** Null for Hive's default partition. */
        public final String deviceGroup;
        public final List<String> files;

        Partition(long hourStart, String deviceGroup, List<String> files) {
            this.hourStart = hourStart;
            this.deviceGroup = deviceGroup;
            this.files = Collections.unmodifiableList(files);
        }
    }

    /** The partitions of {@code <lakePath>/<table>} for the hours that overlap {@code [from, to)}, oldest first. */
    public static List<Partition> partitions(String lakePath, String table, long from, long to) throws IOException {
        Path root = new Path(lakePath.endsWith("/") ? lakePath + table : lakePath + "/" + table);
        List<Partition> partitions = new ArrayList<>();
        for (long hour : LakePartitions.hours(from, to)) {
            String group = null;
            List<String> files = new ArrayList<>();
            for (LakeFile f : LakePartitions.files(root, hour, java.util.Set.of())) {
                if (!files.isEmpty() && !java.util.Objects.equals(group, f.deviceGroup())) {
                    partitions.add(new Partition(hour, group, files));
                    files = new ArrayList<>();
                }
                group = f.deviceGroup();
                files.add(f.path());
            }
            if (!files.isEmpty()) {
                partitions.add(new Partition(hour, group, files));
            }
        }
        return partitions;
    }

    /**
     * Every row of a file, as Parquet's example {@link Group}s holding only the {@code columns} given (each must be in
     * the file).
     */
    public static void read(String file, List<String> columns, Consumer<Group> rows) throws IOException {
        try (ParquetReader<Group> reader = LakeParquet.columns(new FlinkInputFile(file), columns)
                .withConf(new Configuration(false)).build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                rows.accept(g);
            }
        }
    }
}
