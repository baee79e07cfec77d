package io.fleetstream.jobs.simulator;

import static io.fleetstream.jobs.simulator.AsciiBuffer.ascii;

/** Writes payloads in the shape of the input contract (ARCHITECTURE.md), straight into an {@link AsciiBuffer}. */
final class JsonPayloads {

    private static final byte[] DEVICE_ID = ascii("\"deviceId\":\"");
    private static final byte[] DEVICE_GROUP = ascii("\"deviceGroup\":\"");
    private static final byte[] TIMESTAMP = ascii(",\"timestamp\":");
    private static final byte[] SEQ = ascii(",\"seq\":");
    private static final byte[] DATA = ascii(",\"data\":{");
    private static final byte[] READINGS = ascii(",\"readings\":[");
    private static final byte[] READING = ascii("{\"timestamp\":");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] NOT_A_NUMBER = ascii("\"n/a\"");
    private static final byte[] STATUS = ascii("\"status\":\"SENSOR_FAULT\"");
    private static final byte[][] BAD_TIMESTAMPS = {
        ascii("\"2025-13-45T99:99:99Z\""), ascii("\"yesterday\""), ascii("\"\""), ascii("\"1763633730250ms\"")};

    private JsonPayloads() {
    }

    static void appendDeviceId(AsciiBuffer b, DeviceProfile p) {
        b.append(p.kind.idPrefixBytes).appendPadded(p.index, 4);
    }

    static void single(AsciiBuffer b, DeviceProfile p, long ts, long seq, double[] values, Malformation m,
            long variant) {
        header(b, p, m != Malformation.MISSING_DEVICE_ID);
        b.append(TIMESTAMP);
        timestamp(b, p, ts, m == Malformation.BAD_TIMESTAMP, variant);
        b.append(SEQ).append(seq).append(DATA);
        data(b, p.kind, values, m == Malformation.NO_NUMERIC_VALUE);
        b.append('}').append('}');
        if (m == Malformation.TRUNCATED) {
            truncate(b, variant);
        }
    }

    static void openBundle(AsciiBuffer b, DeviceProfile p, Malformation m) {
        header(b, p, m != Malformation.MISSING_DEVICE_ID);
        b.append(READINGS);
    }

    static void bundleReading(AsciiBuffer b, DeviceProfile p, long ts, long seq, double[] values, boolean first) {
        if (!first) {
            b.append(',');
        }
        b.append(READING);
        timestamp(b, p, ts, false, 0);
        b.append(SEQ).append(seq).append(DATA);
        data(b, p.kind, values, false);
        b.append('}').append('}');
    }

    static void closeBundle(AsciiBuffer b, Malformation m, long variant) {
        b.append(']').append('}');
        if (m == Malformation.TRUNCATED) {
            truncate(b, variant);
        }
    }

    private static void header(AsciiBuffer b, DeviceProfile p, boolean withDeviceId) {
        b.reset();
        b.append('{');
        if (withDeviceId) {
            b.append(DEVICE_ID);
            appendDeviceId(b, p);
            b.append('"').append(',');
        }
        b.append(DEVICE_GROUP).append(p.kind.groupBytes[p.region]).append('"');
    }

    private static void timestamp(AsciiBuffer b, DeviceProfile p, long ts, boolean bad, long variant) {
        if (bad) {
            b.append(BAD_TIMESTAMPS[Hash.below(variant >>> 32, BAD_TIMESTAMPS.length)]);
        } else if (p.iso) {
            b.append('"').appendIsoMillis(ts).append('"');
        } else {
            b.append(ts);
        }
    }

    private static void data(AsciiBuffer b, DeviceKind kind, double[] values, boolean noNumeric) {
        Metric[] metrics = kind.metricArray;
        for (int i = 0; i < metrics.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(metrics[i].jsonKey);
            if (noNumeric) {
                b.append(NOT_A_NUMBER);
            } else if (metrics[i].isBoolean()) {
                b.append(values[i] != 0 ? TRUE : FALSE);
            } else {
                b.appendCents(Math.round(values[i] * 100));
            }
        }
        if (noNumeric) {
            b.append(',').append(STATUS);
        }
    }

    /** Any proper prefix of a JSON object is invalid JSON, so a cut anywhere before the end is malformed. */
    private static void truncate(AsciiBuffer b, long variant) {
        int third = b.length() / 3;
        b.truncate(third + Hash.below(variant, Math.max(1, third)));
    }
}
