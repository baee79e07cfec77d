package io.fleetstream.sinks.lake.read;

import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.InputFile;

/** A reader of a lake file's rows as Parquet's generic groups, whatever the table: for tools and compaction. */
public final class ParquetGroups extends ParquetReader.Builder<Group> {
    private ParquetGroups(InputFile file) {
        super(file);
    }

    public static ParquetReader.Builder<Group> reader(InputFile file) {
        return new ParquetGroups(file);
    }

    @Override
    protected ReadSupport<Group> getReadSupport() {
        return new GroupReadSupport();
    }
}
