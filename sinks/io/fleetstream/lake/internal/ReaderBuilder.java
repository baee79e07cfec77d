package io.fleetstream.lake.internal;

import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.InputFile;

/** A Parquet reader of one file with the given read support. */
public final class ReaderBuilder<T> extends ParquetReader.Builder<T> {
    private final ReadSupport<T> support;

    public ReaderBuilder(InputFile file, ReadSupport<T> support) {
        super(file);
        this.support = support;
    }

    @Override
    protected ReadSupport<T> getReadSupport() {
        return support;
    }
}
