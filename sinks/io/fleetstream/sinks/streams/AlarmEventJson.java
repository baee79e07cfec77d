package io.fleetstream.sinks.streams;

import static io.fleetstream.sinks.streams.internal.JsonBytes.string;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.sinks.streams.internal.JsonBytes;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * An alarm lifecycle event as one JSON object, with the column names of the lake's {@code alarms} table plus
 * {@code device_group}; times are epoch milliseconds (event time), {@code cleared_at} is null while active:
 *
 * <pre>{"alarm_id":"...","device_id":"reefer-0042","device_group":"reefers-west","rule":"reefer-temperature-high",
 * "kind":"threshold","severity":"WARNING","state":"RAISED","event_time":1763633730250,"raised_at":1763633730250,"cleared_at":null,
 * "values":"temp_c=8.42","message":"..."}</pre>
 */
public final class AlarmEventJson implements SerializationSchema<AlarmEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] serialize(AlarmEvent a) {
        return JsonBytes.object(g -> {
            string(g, "alarm_id", a.alarmId);
            string(g, "device_id", a.deviceId);
            string(g, "device_group", a.deviceGroup);
            string(g, "rule", a.rule);
            string(g, "kind", a.kind);
            string(g, "severity", a.severity);
            string(g, "state", a.state);
            g.writeNumberField("event_time", a.eventTime);
            g.writeNumberField("raised_at", a.raisedAt);
            if (a.clearedAt == null) {
                g.writeNullField("cleared_at");
            } else {
                g.writeNumberField("cleared_at", a.clearedAt);
            }
            string(g, "values", a.values);
            string(g, "message", a.message);
        });
    }
}
