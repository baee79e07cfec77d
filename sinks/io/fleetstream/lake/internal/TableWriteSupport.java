package io.fleetstream.lake.internal;

import io.fleetstream.lake.LakeTable;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.GroupWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;

/**
 * Parquet write support for any {@link LakeTable}: our records go to Parquet without Avro or Kryo in between. It
 * also writes a Parquet {@link Group} as it is: compaction passes the rows it reads back through the sink's writer
 * (see {@link ParquetRowReader}).
 */
final class TableWriteSupport<T> extends WriteSupport<T> {
    private final LakeTable<T> table;
    private final ParquetRowWriter row;
    private RecordConsumer consumer;
    private GroupWriter groups;
    private GroupType groupType;

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
        this.groups = null;
        row.attach(recordConsumer);
    }

    @Override
    public void write(T record) {
        if (record instanceof Group) {
            Group g = (Group) record;
            // In the schema of the file it came from, which may predate columns added at the end of the table's.
            if (groups == null || !g.getType().equals(groupType)) {
                groupType = g.getType();
                groups = new GroupWriter(consumer, groupType);
            }
            groups.write(g);
            return;
        }
        consumer.startMessage();
        table.write(record, row);
        consumer.endMessage();
    }
}
