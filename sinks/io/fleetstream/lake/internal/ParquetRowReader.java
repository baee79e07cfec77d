package io.fleetstream.lake.internal;

import io.fleetstream.lake.FlinkInputFile;
import java.io.IOException;
import org.apache.flink.connector.file.sink.compactor.RecordWiseFileCompactor;
import org.apache.flink.core.fs.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/**
 * Reads a lake part file's rows back for compaction, as Parquet groups, which the table's write support writes as
 * they are.
 *
 * <p>Compaction must go through the sink's own writer: for bulk formats Flink opens the compacted file as an ordinary
 * part file, so bytes written to its stream directly would end up before that writer's own (empty) Parquet footer,
 * and readers would see a file with no row groups.
 */
public final class ParquetRowReader<T> implements RecordWiseFileCompactor.Reader<T> {
    private final ParquetReader<Group> reader;

    private ParquetRowReader(ParquetReader<Group> reader) {
        this.reader = reader;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T read() throws IOException {
        // A group passes through the FileSink's writer typed as T: TableWriteSupport writes groups as they are.
        return (T) reader.read();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** Readers of one table's part files. */
    public static final class Factory<T> implements RecordWiseFileCompactor.Reader.Factory<T> {
        private static final long serialVersionUID = 1L;

        @Override
        public RecordWiseFileCompactor.Reader<T> createFor(Path path) throws IOException {
            // Without defaults: a default Configuration parses Hadoop's XML files.
            return new ParquetRowReader<>(new ReaderBuilder<>(new FlinkInputFile(path), new GroupReadSupport())
                    .withConf(new Configuration(false)).build());
        }
    }
}
