package io.fleetstream.lake.tables;

import io.fleetstream.lake.LakeTable;
import io.fleetstream.model.Rollup;
import org.apache.parquet.schema.MessageType;

/** {@code rollups}: one row per device, metric, window and revision; partitioned by window start. */
public final class RollupsTable implements LakeTable<Rollup> {
    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
        return "rollups";
    }

    @Override
    public MessageType schema() {
        return new MessageType("rollups",
                Columns.string("device_id"),
                Columns.string("metric"),
                Columns.string("window_spec"),
                Columns.timestamp("window_start"),
                Columns.timestamp("window_end"),
                Columns.int64("count"),
                Columns.float64("min"),
                Columns.float64("max"),
                Columns.float64("sum"),
                Columns.float64("mean"),
                Columns.optionalFloat64("stddev"),
                Columns.float64("first"),
                Columns.float64("last"),
                Columns.int32("revision"));
    }

    @Override
    public void write(Rollup r, RowWriter row) {
        row.string("device_id", r.deviceId)
                .string("metric", r.metric)
                .string("window_spec", r.windowSpec)
                .timestamp("window_start", r.windowStart)
                .timestamp("window_end", r.windowEnd)
                .int64("count", r.count)
                .float64("min", r.min)
                .float64("max", r.max)
                .float64("sum", r.sum)
                .float64("mean", r.mean)
                .float64("stddev", r.stddev)
                .float64("first", r.first)
                .float64("last", r.last)
                .int32("revision", r.revision);
    }

    @Override
    public long partitionTime(Rollup r) {
        return r.windowStart;
    }

    @Override
    public String deviceGroup(Rollup r) {
        return r.deviceGroup;
    }
}
