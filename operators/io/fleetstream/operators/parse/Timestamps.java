package io.fleetstream.operators.parse;

import static io.fleetstream.model.ReasonCode.BAD_TIMESTAMP;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reads the {@code timestamp} field: epoch milliseconds, or an ISO-8601 date-time with a zone offset. */
final class Timestamps {
    private Timestamps() {}

    static long read(JsonParser p, String field) throws IOException, FieldError {
        JsonToken t = p.currentToken();
        long millis;
        if (t == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw new FieldError(BAD_TIMESTAMP, field + " " + p.getText() + " is out of range");
            }
            millis = p.getLongValue();
        } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            if (!Double.isFinite(d) || Math.abs(d) > 9e15) {
                throw new FieldError(BAD_TIMESTAMP, field + " " + p.getText() + " is out of range");
            }
            millis = (long) Math.floor(d);
        } else if (t == JsonToken.VALUE_STRING) {
            millis = parseText(p.getText(), field);
        } else {
            throw new FieldError(BAD_TIMESTAMP,
                    field + " must be epoch milliseconds or an ISO-8601 string, got " + describe(t));
        }
        if (millis < ParseSettings.MIN_TIMESTAMP) {
            String hint = millis >= ParseSettings.MIN_TIMESTAMP / 1000 && millis < 100_000_000_000L
                    ? " (it looks like epoch seconds; milliseconds are expected)" : "";
            throw new FieldError(BAD_TIMESTAMP, field + " " + millis + " is before 2000-01-01" + hint);
        }
        return millis;
    }

    private static long parseText(String s, String field) throws FieldError {
        if (!s.isEmpty() && s.length() <= 16 && s.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(s);
        }
        try {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new FieldError(BAD_TIMESTAMP, field + " '" + abbreviate(s)
                    + "' is not an ISO-8601 date-time with an offset (e.g. 2025-11-20T10:15:30.250Z)");
        }
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

    static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
