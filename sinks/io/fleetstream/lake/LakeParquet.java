package io.fleetstream.lake;

import io.fleetstream.lake.internal.ColumnProjection;
import io.fleetstream.lake.internal.ParquetRowReader;
import io.fleetstream.lake.internal.ReaderBuilder;
import io.fleetstream.lake.internal.TableParquetBuilder;
import java.util.List;
import org.apache.flink.connector.file.sink.compactor.RecordWiseFileCompactor;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.InputFile;

/** Reading and writing the lake's Parquet files: the one place that knows how a table's rows become Parquet. */
public final class LakeParquet {
    private LakeParquet() {}

    /** Writes a table's part files: Snappy, 16 MB row groups, dictionaries for strings only. */
    public static <T> ParquetWriterFactory<T> writer(LakeTable<T> table) {
        return new ParquetWriterFactory<>(new TableParquetBuilder<>(table));
    }

    /**
     * Reads part files back for Flink's file compaction, as rows the {@link #writer} of the same table writes again
     * as they are.
     */
    public static <T> RecordWiseFileCompactor.Reader.Factory<T> compactionReader() {
        return new ParquetRowReader.Factory<>();
    }

    /** A reader of a file's rows as Parquet's generic groups, whatever the table. */
    public static ParquetReader.Builder<Group> groups(InputFile file) {
        return new ReaderBuilder<>(file, new GroupReadSupport());
    }

    /** A reader of only the {@code columns} given (each must be in the file), as Parquet's generic groups. */
    public static ParquetReader.Builder<Group> columns(InputFile file, List<String> columns) {
        return new ReaderBuilder<>(file, new ColumnProjection(columns));
    }

    /**
     * A reader of a readings table file's columns ({@code device_id}, {@code event_time}, {@code metric},
     * {@code value}, {@code seq}) into one reused {@link ReadingsRow}; columns added to the table later are not read.
     */
    public static ParquetReader.Builder<ReadingsRow> readings(InputFile file) {
        return new ReaderBuilder<>(file, new ReadingsRowSupport());
    }
}
