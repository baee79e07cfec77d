package io.fleetstream.sinks.streams.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One JSON object as UTF-8 bytes, written with Jackson's streaming generator (no object mapping, no reflection). */
public final class JsonBytes {
    private JsonBytes() {}

    private static final JsonFactory FACTORY = new JsonFactory();

    /** Writes the fields of one object. */
    public interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    public static byte[] object(Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to memory", e);
        }
        return out.toByteArray();
    }

    /** A number, or null when it is NaN or infinite (which JSON cannot hold). */
    public static void number(JsonGenerator g, String field, double value) throws IOException {
        if (Double.isFinite(value)) {
            g.writeNumberField(field, value);
        } else {
            g.writeNullField(field);
        }
    }

    /** A string, or null. */
    public static void string(JsonGenerator g, String field, String value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, value);
        }
    }
}
