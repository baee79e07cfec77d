package io.fleetstream.lake.tables;

import io.fleetstream.lake.LakeTable;
import io.fleetstream.model.AlarmEvent;
import org.apache.parquet.schema.MessageType;

/** {@code alarms}: alarm lifecycle events, partitioned by the event time of the transition. */
public final class AlarmsTable implements LakeTable<AlarmEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
        return "alarms";
    }

    @Override
    public MessageType schema() {
        return new MessageType("alarms",
                Columns.string("alarm_id"),
                Columns.string("device_id"),
                Columns.string("rule"),
                Columns.optionalString("kind"),
                Columns.string("severity"),
                Columns.string("state"),
                Columns.timestamp("event_time"),
                Columns.timestamp("raised_at"),
                Columns.optionalTimestamp("cleared_at"),
                Columns.optionalString("values"),
                Columns.optionalString("message"));
    }

    @Override
    public void write(AlarmEvent a, RowWriter row) {
        row.string("alarm_id", a.alarmId)
                .string("device_id", a.deviceId)
                .string("rule", a.rule)
                .string("kind", a.kind)
                .string("severity", a.severity)
                .string("state", a.state)
                .timestamp("event_time", a.eventTime)
                .timestamp("raised_at", a.raisedAt)
                .timestamp("cleared_at", a.clearedAt)
                .string("values", a.values)
                .string("message", a.message);
    }

    @Override
    public long partitionTime(AlarmEvent a) {
        return a.eventTime;
    }

    @Override
    public String deviceGroup(AlarmEvent a) {
        return a.deviceGroup;
    }
}
