package io.fleetstream.jobs.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A strict, independent reading of the input contract, so tests do not trust the generator's own view. */
final class ContractParser {

    private static final JsonFactory JSON = new JsonFactory();

    private ContractParser() {
    }

    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        final String reason;

        Invalid(String reason) {
            super(reason);
            this.reason = reason;
        }
    }

    static final class ParsedReading {
        final long timestamp;
        final boolean isoTimestamp;
        final Long seq;
        final Map<String, Double> data;

        ParsedReading(long timestamp, boolean isoTimestamp, Long seq, Map<String, Double> data) {
            this.timestamp = timestamp;
            this.isoTimestamp = isoTimestamp;
            this.seq = seq;
            this.data = data;
        }
    }

    static final class Parsed {
        final String deviceId;
        final String deviceGroup;
        final boolean bundle;
        final List<ParsedReading> readings;

        Parsed(String deviceId, String deviceGroup, boolean bundle, List<ParsedReading> readings) {
            this.deviceId = deviceId;
            this.deviceGroup = deviceGroup;
            this.bundle = bundle;
            this.readings = readings;
        }
    }

    static Parsed parse(byte[] payload) throws Invalid {
        try (JsonParser p = JSON.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new Invalid("malformed JSON: not an object");
            }
            String deviceId = null;
            String deviceGroup = "default";
            List<ParsedReading> bundle = null;
            Object[] single = new Object[3];
            Map<String, Double> data = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "deviceId":
                        deviceId = string(p, t, "deviceId");
                        break;
                    case "deviceGroup":
                        deviceGroup = string(p, t, "deviceGroup");
                        break;
                    case "readings":
                        if (t != JsonToken.START_ARRAY) {
                            throw new Invalid("invalid field: readings");
                        }
                        bundle = new ArrayList<>();
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            bundle.add(reading(p));
                        }
                        break;
                    case "timestamp":
                        single[0] = timestamp(p, t);
                        single[1] = t == JsonToken.VALUE_STRING;
                        break;
                    case "seq":
                        single[2] = seq(p, t);
                        break;
                    case "data":
                        data = data(p, t);
                        break;
                    default:
                        p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new Invalid("malformed JSON: trailing content");
            }
            if (deviceId == null || deviceId.isEmpty()) {
                throw new Invalid("missing field: deviceId");
            }
            if (bundle != null) {
                if (bundle.isEmpty()) {
                    throw new Invalid("empty bundle");
                }
                return new Parsed(deviceId, deviceGroup, true, bundle);
            }
            List<ParsedReading> one = new ArrayList<>();
            one.add(complete(single, data));
            return new Parsed(deviceId, deviceGroup, false, one);
        } catch (IOException e) {
            throw new Invalid("malformed JSON: " + e.getMessage());
        }
    }

    private static ParsedReading reading(JsonParser p) throws IOException, Invalid {
        Object[] single = new Object[3];
        Map<String, Double> data = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "timestamp":
                    single[0] = timestamp(p, t);
                    single[1] = t == JsonToken.VALUE_STRING;
                    break;
                case "seq":
                    single[2] = seq(p, t);
                    break;
                case "data":
                    data = data(p, t);
                    break;
                default:
                    p.skipChildren();
            }
        }
        return complete(single, data);
    }

    private static ParsedReading complete(Object[] single, Map<String, Double> data) throws Invalid {
        if (single[0] == null) {
            throw new Invalid("missing field: timestamp");
        }
        if (data == null) {
            throw new Invalid("missing field: data");
        }
        if (data.isEmpty()) {
            throw new Invalid("no usable metric");
        }
        return new ParsedReading((Long) single[0], (Boolean) single[1], (Long) single[2], data);
    }

    private static String string(JsonParser p, JsonToken t, String field) throws IOException, Invalid {
        if (t != JsonToken.VALUE_STRING) {
            throw new Invalid("invalid field: " + field);
        }
        return p.getText();
    }

    private static long timestamp(JsonParser p, JsonToken t) throws IOException, Invalid {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            try {
                return Instant.parse(p.getText()).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new Invalid("bad timestamp: " + p.getText());
            }
        }
        throw new Invalid("bad timestamp");
    }

    private static Long seq(JsonParser p, JsonToken t) throws IOException, Invalid {
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw new Invalid("invalid field: seq");
        }
        return p.getLongValue();
    }

    private static Map<String, Double> data(JsonParser p, JsonToken t) throws IOException, Invalid {
        if (t != JsonToken.START_OBJECT) {
            throw new Invalid("invalid field: data");
        }
        Map<String, Double> data = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String metric = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                double d = p.getDoubleValue();
                if (Double.isFinite(d)) {
                    data.put(metric, d);
                }
            } else if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE) {
                data.put(metric, v == JsonToken.VALUE_TRUE ? 1.0 : 0.0);
            } else {
                p.skipChildren();
            }
        }
        return data;
    }
}
