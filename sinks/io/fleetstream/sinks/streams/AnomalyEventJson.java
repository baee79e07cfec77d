package io.fleetstream.sinks.streams;

import static io.fleetstream.sinks.streams.internal.JsonBytes.number;
import static io.fleetstream.sinks.streams.internal.JsonBytes.string;

import io.fleetstream.model.AnomalyEvent;
import io.fleetstream.sinks.streams.internal.JsonBytes;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * An anomaly event as one JSON object, with the column names of the lake's {@code anomalies} table plus
 * {@code device_group}; {@code event_time} is epoch milliseconds and {@code attribution} maps metric to share:
 *
 * <pre>{"device_id":"pump-0007","device_group":"pumps-north","event_time":1763633730250,"score":2.91,
 * "grade":0.83,"attribution":{"vibration_mm_s":0.71,"temperature_c":0.29}}</pre>
 */
public final class AnomalyEventJson implements SerializationSchema<AnomalyEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] serialize(AnomalyEvent a) {
        return JsonBytes.object(g -> {
            string(g, "device_id", a.deviceId);
            string(g, "device_group", a.deviceGroup);
            g.writeNumberField("event_time", a.eventTime);
            number(g, "score", a.score);
            number(g, "grade", a.grade);
            g.writeObjectFieldStart("attribution");
            int n = a.attributionMetrics == null || a.attributionShares == null ? 0
                    : Math.min(a.attributionMetrics.length, a.attributionShares.length);
            for (int i = 0; i < n; i++) {
                number(g, a.attributionMetrics[i], a.attributionShares[i]);
            }
            g.writeEndObject();
        });
    }
}
