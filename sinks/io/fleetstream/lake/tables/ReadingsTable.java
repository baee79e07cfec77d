package io.fleetstream.lake.tables;

import io.fleetstream.lake.LakeTable;
import io.fleetstream.model.ReadingRow;
import org.apache.parquet.schema.MessageType;

/** {@code readings}: long format, one row per metric of every valid, de-duplicated reading. */
public final class ReadingsTable implements LakeTable<ReadingRow> {
    private static final long serialVersionUID = 1L;

    private final String name;

    /** @param name {@code readings}, or {@code late_readings} for readings that missed their rollup windows */
    public ReadingsTable(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public MessageType schema() {
        return new MessageType(name,
                Columns.string("device_id"),
                Columns.timestamp("event_time"),
                Columns.string("metric"),
                Columns.float64("value"),
                Columns.optionalInt64("seq"));
    }

    @Override
    public void write(ReadingRow r, RowWriter row) {
        row.string("device_id", r.deviceId)
                .timestamp("event_time", r.eventTime)
                .string("metric", r.metric)
                .float64("value", r.value)
                .int64("seq", r.seq);
    }

    @Override
    public long partitionTime(ReadingRow r) {
        return r.eventTime;
    }

    @Override
    public String deviceGroup(ReadingRow r) {
        return r.deviceGroup;
    }
}
