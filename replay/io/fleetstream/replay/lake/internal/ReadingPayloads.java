package io.fleetstream.replay.lake.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A lake reading as the input contract's JSON record, so the replay parses, de-duplicates and scores it exactly as
 * the live job did: the same device, group, timestamp, sequence number and metrics, in the same order. Doubles are
 * written in their shortest exact form, so every value reads back bit for bit.
 */
final class ReadingPayloads {
    private final JsonFactory json = new JsonFactory();
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(256);

    byte[] toJson(LakeReading r) {
        buffer.reset();
        try (JsonGenerator g = json.createGenerator(buffer, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("deviceId", r.deviceId);
            if (r.file.deviceGroup() != null) {
                g.writeStringField("deviceGroup", r.file.deviceGroup());
            }
            g.writeNumberField("timestamp", r.eventTime);
            if (r.seq != null) {
                g.writeNumberField("seq", r.seq);
            }
            g.writeObjectFieldStart("data");
            for (int i = 0; i < r.metrics.length; i++) {
                g.writeNumberField(r.metrics[i], r.values[i]);
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a reading as JSON", e);
        }
        return buffer.toByteArray();
    }
}
