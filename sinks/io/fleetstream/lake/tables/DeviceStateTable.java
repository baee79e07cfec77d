package io.fleetstream.lake.tables;

import io.fleetstream.lake.LakeTable;
import io.fleetstream.model.DeviceState;
import org.apache.parquet.schema.MessageType;

/**
 * {@code device_state}: the history of current-state snapshots, partitioned by {@code last_seen}. The newest row per
 * device is the device's current state; the same snapshots feed the current-state table.
 */
public final class DeviceStateTable implements LakeTable<DeviceState> {
    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
        return "device_state";
    }

    @Override
    public MessageType schema() {
        return new MessageType("device_state",
                Columns.string("device_id"),
                Columns.timestamp("last_seen"),
                Columns.stringDoubleMap("metrics"),
                Columns.string("status"),
                Columns.optionalString("active_alarms"));
    }

    @Override
    public void write(DeviceState s, RowWriter row) {
        row.string("device_id", s.deviceId)
                .timestamp("last_seen", s.lastSeen)
                .stringDoubleMap("metrics", s.metrics, s.values)
                .string("status", s.online ? "ONLINE" : "OFFLINE")
                // rule=SEVERITY pairs, comma-separated; null when no alarm is active
                .string("active_alarms", s.activeAlarms == null || s.activeAlarms.length == 0 ? null
                        : String.join(",", s.activeAlarms));
    }

    @Override
    public long partitionTime(DeviceState s) {
        return s.lastSeen;
    }

    @Override
    public String deviceGroup(DeviceState s) {
        return s.deviceGroup;
    }
}
