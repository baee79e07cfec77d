package io.fleetstream.sinks.timeseries.internal;

import io.fleetstream.sinks.timeseries.Point;
import io.fleetstream.sinks.timeseries.Precision;
import java.nio.charset.StandardCharsets;

/**
 * Builds one line of line protocol, reused for every record of a writer (one thread). The order of the calls is
 * checked because a tag after a field or a second timestamp would be a line the store rejects, failing the job.
 */
public final class LineBuilder implements Point {
    /** The entry of a record that gives no point: buffered like any other, never sent. */
    public static final byte[] NO_POINT = new byte[0];

    private enum Stage { EMPTY, TAGS, FIELDS, TIME }

    private final Precision precision;
    private final StringBuilder line = new StringBuilder(256);
    private Stage stage = Stage.EMPTY;
    private int fields;
    private boolean badTime;

    public LineBuilder(Precision precision) {
        this.precision = precision;
    }

    /** Starts a new line. */
    public LineBuilder reset() {
        line.setLength(0);
        stage = Stage.EMPTY;
        fields = 0;
        badTime = false;
        return this;
    }

    @Override
    public Point measurement(String name) {
        if (stage != Stage.EMPTY) {
            throw new IllegalStateException("measurement must be the first part of a point, and only one");
        }
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a point needs a measurement name");
        }
        LineEscaping.measurement(name, line);
        stage = Stage.TAGS;
        return this;
    }

    @Override
    public Point tag(String key, String value) {
        if (stage != Stage.TAGS) {
            throw new IllegalStateException("tags come after the measurement and before any field: " + key);
        }
        if (value == null || value.isEmpty()) {
            return this;
        }
        line.append(',');
        LineEscaping.key(checkedKey(key), line);
        line.append('=');
        LineEscaping.key(value, line);
        return this;
    }

    @Override
    public Point field(String key, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            fieldAllowed(key);
            return this;
        }
        LineEscaping.doubleValue(value, startField(key));
        return this;
    }

    @Override
    public Point field(String key, long value) {
        LineEscaping.longValue(value, startField(key));
        return this;
    }

    @Override
    public Point field(String key, boolean value) {
        startField(key).append(value ? "true" : "false");
        return this;
    }

    @Override
    public Point field(String key, String value) {
        if (value == null) {
            fieldAllowed(key);
            return this;
        }
        LineEscaping.stringValue(value, startField(key));
        return this;
    }

    @Override
    public Point timeMillis(long epochMillis) {
        if (stage != Stage.FIELDS && stage != Stage.TAGS) {
            throw new IllegalStateException("the timestamp comes last, once, after the fields");
        }
        stage = Stage.TIME;
        try {
            line.append(' ').append(precision.fromMillis(epochMillis));
        } catch (ArithmeticException e) {
            badTime = true;
        }
        return this;
    }

    /**
     * The line as UTF-8 (without its newline), or {@link #NO_POINT} when it has no field, a time the precision
     * cannot express, or more than {@code maxBytes} bytes.
     */
    public byte[] toBytes(long maxBytes) {
        if (stage == Stage.EMPTY) {
            throw new IllegalStateException("a point writer wrote nothing, not even a measurement");
        }
        if (fields == 0 || badTime || line.length() > maxBytes) {
            return NO_POINT;
        }
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        return bytes.length > maxBytes ? NO_POINT : bytes;
    }

    @Override
    public String toString() {
        return line.toString();
    }

    private StringBuilder startField(String key) {
        fieldAllowed(key);
        line.append(fields == 0 ? ' ' : ',');
        stage = Stage.FIELDS;
        fields++;
        LineEscaping.key(key, line);
        return line.append('=');
    }

    private void fieldAllowed(String key) {
        if (stage != Stage.TAGS && stage != Stage.FIELDS) {
            throw new IllegalStateException("fields come after the measurement and tags, before the timestamp: "
                    + key);
        }
        checkedKey(key);
    }

    private static String checkedKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("tag and field keys cannot be empty");
        }
        return key;
    }
}
