package io.fleetstream.sinks.streams;

import static io.fleetstream.sinks.streams.internal.JsonBytes.string;

import io.fleetstream.connectors.kinesis.sink.KinesisSink;
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
 *
 * <p>The object always fits one Kinesis record with its key ({@link #MAX_BYTES}): when a large
 * {@code dead-letter.max-raw-bytes} lets {@code raw} go past that, {@code raw} is cut to fit and a last field
 * {@code "raw_truncated":true} says so (the field is absent otherwise).
 */
public final class DeadLetterJson implements SerializationSchema<DeadLetter> {
    private static final long serialVersionUID = 1L;

    /** Longest Kinesis partition key, in characters. */
    private static final int MAX_KEY = KinesisSink.MAX_PARTITION_KEY_CHARS;
    /** Largest JSON: a Kinesis record less the most a key of {@link #MAX_KEY} characters takes in UTF-8. */
    public static final int MAX_BYTES = KinesisSink.MAX_RECORD_BYTES - 3 * MAX_KEY;

    @Override
    public byte[] serialize(DeadLetter d) {
        byte[] json = write(d, d.raw, false);
        if (json.length <= MAX_BYTES || d.raw == null || d.raw.isEmpty()) {
            return json;
        }
        // Escapes make a character 1 to 6 bytes: cut in proportion, then one character per byte still over.
        int base = write(d, "", true).length;
        int rawBytes = json.length - (base - ",\"raw_truncated\":true".length());
        String raw = d.raw;
        int keep = (int) ((long) raw.length() * Math.max(0, MAX_BYTES - base) / rawBytes);
        while (true) {
            raw = cut(raw, keep);
            json = write(d, raw, true);
            if (json.length <= MAX_BYTES || raw.isEmpty()) {
                return json;
            }
            keep = raw.length() - (json.length - MAX_BYTES);
        }
    }

    private static byte[] write(DeadLetter d, String raw, boolean truncated) {
        return JsonBytes.object(g -> {
            string(g, "reason", d.reason);
            string(g, "detail", d.detail);
            string(g, "raw", raw);
            string(g, "source", d.source);
            g.writeNumberField("ingest_time", d.ingestTime);
            string(g, "device_id", d.deviceId);
            string(g, "device_group", d.deviceGroup);
            if (truncated) {
                g.writeBooleanField("raw_truncated", true);
            }
        });
    }

    /** The first {@code chars} characters, one fewer rather than half a surrogate pair. */
    private static String cut(String s, int chars) {
        int n = Math.max(0, Math.min(chars, s.length()));
        if (n > 0 && n < s.length() && Character.isHighSurrogate(s.charAt(n - 1))) {
            n--;
        }
        return s.substring(0, n);
    }

    /** The device id, else the source position, else the reason: never empty, at most 256 characters. */
    public static String key(DeadLetter d) {
        String key = nonEmpty(d.deviceId) ? d.deviceId : nonEmpty(d.source) ? d.source : d.reason;
        if (!nonEmpty(key)) {
            return "unknown";
        }
        return key.length() <= MAX_KEY ? key : cut(key, MAX_KEY);
    }

    private static boolean nonEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
