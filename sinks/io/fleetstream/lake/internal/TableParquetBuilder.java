package io.fleetstream.lake.internal;

import io.fleetstream.lake.LakeTable;
import java.io.IOException;
import org.apache.flink.formats.parquet.ParquetBuilder;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

/** Opens a Parquet writer for one part file of a table. */
public final class TableParquetBuilder<T> implements ParquetBuilder<T> {
    private static final long serialVersionUID = 1L;

    /** Smaller than Parquet's 128 MB default: files roll on every checkpoint and many buckets are open at once. */
    private static final int ROW_GROUP_BYTES = 16 * 1024 * 1024;

    /**
     * Smaller than Parquet's 1 MB default: Parquet's compressor takes a buffer of one page per writer when the writer
     * opens, and a writer is open per table, partition and subtask until its file rolls. When the watermark fires a
     * fleet's windows at once, every group's rollups and states open a writer together: 1,300 groups ran a 3 GB
     * test heap out of memory at 1 MB (HostileNamesThroughEveryOutputTest) and fit at 64 KB. Pages of 64 KB still
     * hold thousands of rows.
     */
    private static final int PAGE_BYTES = 64 * 1024;

    private final LakeTable<T> table;

    public TableParquetBuilder(LakeTable<T> table) {
        this.table = table;
    }

    @Override
    public ParquetWriter<T> createWriter(OutputFile out) throws IOException {
        Builder<T> b = new Builder<>(out, table)
                // Without defaults: a default Configuration parses Hadoop's XML files on every part file.
                .withConf(new Configuration(false))
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .withPageSize(PAGE_BYTES)
                .withWriteMode(org.apache.parquet.hadoop.ParquetFileWriter.Mode.OVERWRITE);
        // Dictionaries pay off for ids, metric names and groups; measurements and times rarely repeat, and
        // building a dictionary for them only to fall back costs more than it saves.
        for (ColumnDescriptor c : table.schema().getColumns()) {
            if (c.getPrimitiveType().getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.BINARY) {
                b = b.withDictionaryEncoding(String.join(".", c.getPath()), false);
            }
        }
        return b.build();
    }

    private static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
        private final LakeTable<T> table;

        Builder(OutputFile out, LakeTable<T> table) {
            super(out);
            this.table = table;
        }

        @Override
        protected Builder<T> self() {
            return this;
        }

        @Override
        protected WriteSupport<T> getWriteSupport(Configuration conf) {
            return new TableWriteSupport<>(table);
        }
    }
}
