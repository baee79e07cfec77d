package io.fleetstream.sinks.lake.internal;

import io.fleetstream.sinks.lake.LakeTable;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;

/** Parquet write support for any {@link LakeTable}: our records go to Parquet without Avro or Kryo in between. */
final class TableWriteSupport<T> extends WriteSupport<T> {
    private final LakeTable<T> table;
    private final ParquetRowWriter row;
    private RecordConsumer consumer;

    TableWriteSupport(LakeTable<T> table) {
        this.table = table;
        this.row = new ParquetRowWriter(table.schema());
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(table.schema(), Map.of("fleetstream.table", table.name()));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
        row.attach(recordConsumer);
    }

    @Override
    public void write(T record) {
        consumer.startMessage();
        table.write(record, row);
        consumer.endMessage();
    }
}
