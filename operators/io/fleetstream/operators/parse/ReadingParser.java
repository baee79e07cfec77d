package io.fleetstream.operators.parse;

import static io.fleetstream.model.ReasonCode.FUTURE_TIMESTAMP;
import static io.fleetstream.model.ReasonCode.INVALID_FIELD;
import static io.fleetstream.model.ReasonCode.MALFORMED_JSON;
import static io.fleetstream.model.ReasonCode.MISSING_FIELD;
import static io.fleetstream.model.ReasonCode.NO_USABLE_METRIC;
import static io.fleetstream.model.ReasonCode.RECORD_TOO_LARGE;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.fleetstream.model.Identifiers;
import io.fleetstream.model.EventTime;
import io.fleetstream.model.Reading;
import io.fleetstream.model.ReasonCode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Turns one payload (a single reading or an edge bundle) into readings and dead letters, per the input contract.
 * It never throws on data: every problem is reported to the {@link Output}. Not thread-safe; one per task.
 */
public final class ReadingParser {

    /** Receives what a payload turned into. */
    public interface Output {
        void reading(Reading reading);

        /**
         * @param deviceId the device id if the record named a valid one, else null
         * @param deviceGroup the group if the record named one, else null
         */
        void rejected(ReasonCode reason, String detail, String deviceId, String deviceGroup);

        /** A metric value that is not a finite number or a boolean; the rest of the reading is kept. */
        void droppedMetric(String metric, String why);
    }

    private final ParseSettings settings;
    /**
     * RFC 8259 leaves a repeated name's meaning open ("SHOULD be unique"), and JSON readers differ (first wins, last
     * wins, error): a record that could mean two things is a dead letter, not a guess.
     */
    private final JsonFactory json = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private final MetricBuffer metrics = new MetricBuffer();

    public ReadingParser(ParseSettings settings) {
        this.settings = settings;
    }

    /** @param ingestTime the record's ingest time; the future-timestamp check is relative to it */
    public void parse(byte[] payload, long ingestTime, Output out) {
        if (payload.length > settings.maxRecordBytes) {
            out.rejected(RECORD_TOO_LARGE, "record is " + payload.length + " bytes; the limit is "
                    + settings.maxRecordBytes + " (parse.max-record-bytes)", null, null);
            return;
        }
        int invalid = StrictUtf8.firstInvalid(payload);
        if (invalid >= 0) {
            out.rejected(MALFORMED_JSON, "invalid UTF-8 at byte " + invalid, null, null);
            return;
        }
        Envelope env;
        try (JsonParser p = json.createParser(payload)) {
            env = readEnvelope(p);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset();
            out.rejected(MALFORMED_JSON, e.getOriginalMessage() + at, null, null);
            return;
        } catch (IOException | RuntimeException e) {
            // Jackson reports a few malformations (e.g. bad UTF-8 surrogates) as other exceptions.
            out.rejected(MALFORMED_JSON, String.valueOf(e.getMessage()), null, null);
            return;
        }
        if (env.error != null) {
            out.rejected(env.error.reason, env.error.getMessage(), env.deviceId, env.group);
            return;
        }
        String group = env.group == null ? settings.defaultGroup : env.group;
        if (env.bundle != null) {
            for (int i = 0; i < env.bundle.size(); i++) {
                emit(env.deviceId, group, env.bundle.get(i), "readings[" + i + "].", ingestTime, out);
            }
        } else {
            emit(env.deviceId, group, env.single, "", ingestTime, out);
        }
    }

    private void emit(String deviceId, String group, Entry e, String path, long ingestTime, Output out) {
        if (e.error != null) {
            out.rejected(e.error.reason, path + e.error.getMessage(), deviceId, group);
        } else if (e.timestamp == null) {
            out.rejected(MISSING_FIELD, path + "timestamp is required", deviceId, group);
        } else if (EventTime.tooFarAhead(e.timestamp, ingestTime, settings.maxFutureMillis)) {
            out.rejected(FUTURE_TIMESTAMP, path + "timestamp " + Instant.ofEpochMilli(e.timestamp) + " is "
                    + Duration.ofMillis(e.timestamp - ingestTime) + " after ingest time; the limit is "
                    + Duration.ofMillis(settings.maxFutureMillis) + " (parse.max-future)", deviceId, group);
        } else if (e.metrics == null) {
            out.rejected(MISSING_FIELD, path + "data is required", deviceId, group);
        } else if (e.metrics.length == 0) {
            out.rejected(NO_USABLE_METRIC, path + "data has no numeric or boolean value", deviceId, group);
        } else {
            out.reading(new Reading(deviceId, group, e.timestamp, e.seq, e.metrics, e.values));
        }
        for (String[] d : e.dropped) {
            out.droppedMetric(d[0], d[1]);
        }
    }

    private Envelope readEnvelope(JsonParser p) throws IOException {
        Envelope env = new Envelope();
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new JsonParseProblem(p, "expected a JSON object");
        }
        boolean sawData = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            try {
                switch (field) {
                    case "deviceId":
                        env.deviceId = requireText(p, t, "deviceId", Identifiers::problem);
                        break;
                    case "deviceGroup":
                        env.group = t == JsonToken.VALUE_NULL ? null
                                : requireText(p, t, "deviceGroup", Identifiers::groupProblem);
                        break;
                    case "readings":
                        env.bundle = readBundle(p, t);
                        break;
                    case "data":
                        sawData = true;
                        readData(p, t, env.single);
                        break;
                    default:
                        readEntryField(p, field, t, env.single);
                }
            } catch (FieldError e) {
                p.skipChildren();
                env.fail(e);
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
            throw new JsonParseProblem(p, "unexpected content after the JSON object");
        }
        if (env.deviceId == null) {
            env.fail(new FieldError(MISSING_FIELD, "deviceId is required"));
        } else if (env.bundle != null && (sawData || env.single.timestamp != null)) {
            env.fail(new FieldError(INVALID_FIELD, "a record has either data or readings, not both"));
        }
        return env;
    }

    private List<Entry> readBundle(JsonParser p, JsonToken t) throws IOException, FieldError {
        if (t != JsonToken.START_ARRAY) {
            throw new FieldError(INVALID_FIELD, "readings must be an array, got " + Timestamps.describe(t));
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonToken el = p.nextToken(); el != JsonToken.END_ARRAY; el = p.nextToken()) {
            Entry e = new Entry();
            entries.add(e);
            if (el != JsonToken.START_OBJECT) {
                p.skipChildren();
                e.fail(new FieldError(INVALID_FIELD, "must be an object, got " + Timestamps.describe(el)));
                continue;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken ft = p.nextToken();
                try {
                    if (field.equals("data")) {
                        readData(p, ft, e);
                    } else {
                        readEntryField(p, field, ft, e);
                    }
                } catch (FieldError fe) {
                    p.skipChildren();
                    e.fail(fe);
                }
            }
        }
        if (entries.isEmpty()) {
            throw new FieldError(NO_USABLE_METRIC, "readings is empty");
        }
        return entries;
    }

    private static void readEntryField(JsonParser p, String field, JsonToken t, Entry e)
            throws IOException, FieldError {
        if (field.equals("timestamp")) {
            e.timestamp = Timestamps.read(p, "timestamp");
        } else if (field.equals("seq")) {
            if (t == JsonToken.VALUE_NULL) {
                e.seq = null;
            } else if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                e.seq = p.getLongValue();
            } else {
                throw new FieldError(INVALID_FIELD, "seq must be an integer, got " + Timestamps.describe(t));
            }
        } else {
            // Unknown fields are ignored so producers can add fields before we read them.
            p.skipChildren();
        }
    }

    private void readData(JsonParser p, JsonToken t, Entry e) throws IOException, FieldError {
        if (t != JsonToken.START_OBJECT) {
            throw new FieldError(INVALID_FIELD, "data must be an object, got " + Timestamps.describe(t));
        }
        metrics.clear();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            String bad = Identifiers.problem(name);
            if (bad != null) {
                // the reading is a dead letter; its other metrics are read past so the record's end is found
                e.fail(new FieldError(INVALID_FIELD, "metric name " + quoted(name) + " " + bad));
                p.skipChildren();
            } else if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                double d = p.getDoubleValue();
                if (d == 0 && v == JsonToken.VALUE_NUMBER_INT && p.getTextCharacters()[p.getTextOffset()] == '-') {
                    // an integer -0 is read as the int 0; a double reading "-0" keeps the sign
                    d = -0.0;
                }
                if (Double.isFinite(d)) {
                    metrics.put(name, d);
                } else {
                    e.dropped.add(new String[] {name, "not finite"});
                }
            } else if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE) {
                metrics.put(name, v == JsonToken.VALUE_TRUE ? 1.0 : 0.0);
            } else {
                // Includes the strings "NaN"/"Infinity", which Jackson does not read as numbers by default.
                e.dropped.add(new String[] {name, Timestamps.describe(v)});
                p.skipChildren();
            }
        }
        e.metrics = metrics.names();
        e.values = metrics.values();
    }

    /** The field's text, when the name rule {@code check} (an {@link Identifiers} rule) finds no problem with it. */
    private static String requireText(JsonParser p, JsonToken t, String field, UnaryOperator<String> check)
            throws IOException, FieldError {
        if (t != JsonToken.VALUE_STRING) {
            throw new FieldError(INVALID_FIELD, field + " must be a string, got " + Timestamps.describe(t));
        }
        String s = p.getText();
        String bad = check.apply(s);
        if (bad != null) {
            throw new FieldError(INVALID_FIELD, field + " " + bad);
        }
        return s;
    }

    /** A name for a dead letter's detail, its controls and unpaired surrogates escaped so the detail stays text. */
    private static String quoted(String name) {
        StringBuilder b = new StringBuilder(name.length() + 2).append('\'');
        for (int i = 0; i < Math.min(name.length(), 64); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append(name.length() > 64 ? "...'" : "'").toString();
    }

    /** What one reading (the record itself, or one element of a bundle) held. */
    private static final class Entry {
        Long timestamp;
        Long seq;
        String[] metrics;
        double[] values;
        FieldError error;
        final List<String[]> dropped = new ArrayList<>(0);

        void fail(FieldError e) {
            if (error == null) {
                error = e;
            }
        }
    }

    private static final class Envelope {
        String deviceId;
        String group;
        final Entry single = new Entry();
        List<Entry> bundle;
        FieldError error;

        void fail(FieldError e) {
            if (error == null) {
                error = e;
            }
        }
    }

    private static final class JsonParseProblem extends JsonProcessingException {
        private static final long serialVersionUID = 1L;

        JsonParseProblem(JsonParser p, String msg) {
            super(msg, p.currentLocation());
        }
    }
}
