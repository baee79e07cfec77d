package io.fleetstream.lake.internal;

import io.fleetstream.lake.LakeTable;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;

/** Writes fields by column name into a {@link RecordConsumer}; field indexes come from the schema. */
final class ParquetRowWriter implements LakeTable.RowWriter {
    private final MessageType schema;
    private RecordConsumer c;

    ParquetRowWriter(MessageType schema) {
        this.schema = schema;
    }

    void attach(RecordConsumer consumer) {
        this.c = consumer;
    }

    @Override
    public RecordConsumer consumer() {
        return c;
    }

    @Override
    public LakeTable.RowWriter string(String column, String value) {
        if (value != null) {
            int i = schema.getFieldIndex(column);
            c.startField(column, i);
            c.addBinary(Binary.fromString(value));
            c.endField(column, i);
        }
        return this;
    }

    @Override
    public LakeTable.RowWriter int64(String column, long value) {
        int i = schema.getFieldIndex(column);
        c.startField(column, i);
        c.addLong(value);
        c.endField(column, i);
        return this;
    }

    @Override
    public LakeTable.RowWriter int64(String column, Long value) {
        return value == null ? this : int64(column, value.longValue());
    }

    @Override
    public LakeTable.RowWriter int32(String column, int value) {
        int i = schema.getFieldIndex(column);
        c.startField(column, i);
        c.addInteger(value);
        c.endField(column, i);
        return this;
    }

    @Override
    public LakeTable.RowWriter float64(String column, double value) {
        int i = schema.getFieldIndex(column);
        c.startField(column, i);
        c.addDouble(value);
        c.endField(column, i);
        return this;
    }

    @Override
    public LakeTable.RowWriter float64(String column, Double value) {
        return value == null ? this : float64(column, value.doubleValue());
    }

    @Override
    public LakeTable.RowWriter timestamp(String column, long epochMillis) {
        return int64(column, epochMillis);
    }

    @Override
    public LakeTable.RowWriter timestamp(String column, Long epochMillis) {
        return int64(column, epochMillis);
    }

    @Override
    public LakeTable.RowWriter stringDoubleMap(String column, String[] keys, double[] values) {
        if (keys == null) {
            return this;
        }
        int i = schema.getFieldIndex(column);
        GroupType entry = schema.getType(i).asGroupType().getType(0).asGroupType();
        String entries = entry.getName();
        c.startField(column, i);
        c.startGroup();
        if (keys.length > 0) {
            c.startField(entries, 0);
            for (int k = 0; k < keys.length; k++) {
                c.startGroup();
                c.startField("key", 0);
                c.addBinary(Binary.fromString(keys[k]));
                c.endField("key", 0);
                c.startField("value", 1);
                c.addDouble(values[k]);
                c.endField("value", 1);
                c.endGroup();
            }
            c.endField(entries, 0);
        }
        c.endGroup();
        c.endField(column, i);
        return this;
    }
}
