package io.fleetstream.operators.parse;

import static io.fleetstream.model.ReasonCode.BAD_TIMESTAMP;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.fleetstream.model.EventTime;
import java.io.IOException;

/** Reads the {@code timestamp} field of a reading by {@link EventTime}'s rules, and names JSON tokens in errors. */
final class Timestamps {
    private Timestamps() {}

    static long read(JsonParser p, String field) throws IOException, FieldError {
        JsonToken t = p.currentToken();
        boolean quoted = t == JsonToken.VALUE_STRING;
        if (!quoted && t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new FieldError(BAD_TIMESTAMP,
                    field + " must be epoch milliseconds or an ISO-8601 string, got " + describe(t));
        }
        String text = p.getText();
        long millis = EventTime.parse(text, quoted);
        if (millis == EventTime.INVALID) {
            throw new FieldError(BAD_TIMESTAMP, field + " " + EventTime.problem(text, quoted));
        }
        return millis;
    }

    static String describe(JsonToken t) {
        switch (t) {
            case START_OBJECT: return "an object";
            case START_ARRAY: return "an array";
            case VALUE_NULL: return "null";
            case VALUE_TRUE:
            case VALUE_FALSE: return "a boolean";
            case VALUE_STRING: return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT: return "a number";
            default: return t.name();
        }
    }
}
