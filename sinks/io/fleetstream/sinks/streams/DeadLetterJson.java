package io.fleetstream.sinks.streams;

import static io.fleetstream.sinks.streams.internal.JsonBytes.string;

import io.fleetstream.model.DeadLetter;
import io.fleetstream.sinks.streams.internal.JsonBytes;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * A dead letter as one JSON object, with the column names of the lake's {@code dead_letters} table plus
 * {@code device_id} (null when the record named no valid one) and {@code device_group}; {@code raw} is the
 * (possibly truncated) payload as a string, undecodable bytes replaced; {@code ingest_time} is epoch milliseconds:
 *
 * <pre>{"reason":"MALFORMED_JSON","detail":"Unexpected end-of-input ... at byte 17","raw":"{\"deviceId\":\"pu",
 * "source":"kafka:telemetry/2@4711","ingest_time":1763633730250,"device_id":null,"device_group":"unknown"}</pre>
 */
public final class DeadLetterJson implements SerializationSchema<DeadLetter> {
    private static final long serialVersionUID = 1L;

    /** Longest Kinesis partition key, in characters. */
    private static final int MAX_KEY = 256;

    @Override
    public byte[] serialize(DeadLetter d) {
        return JsonBytes.object(g -> {
            string(g, "reason", d.reason);
            string(g, "detail", d.detail);
            string(g, "raw", d.raw);
            string(g, "source", d.source);
            g.writeNumberField("ingest_time", d.ingestTime);
            string(g, "device_id", d.deviceId);
            string(g, "device_group", d.deviceGroup);
        });
    }

    /** The device id, else the source position, else the reason: never empty, at most 256 characters. */
    public static String key(DeadLetter d) {
        String key = nonEmpty(d.deviceId) ? d.deviceId : nonEmpty(d.source) ? d.source : d.reason;
        if (!nonEmpty(key)) {
            return "unknown";
        }
        return key.length() <= MAX_KEY ? key : key.substring(0, MAX_KEY);
    }

    private static boolean nonEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
