package io.fleetstream.sinks.timeseries;

/**
 * One line-protocol point being written by a {@link PointWriter}: the measurement first, then tags, then fields,
 * then the timestamp, in that order. Values are escaped as the protocol requires. What the protocol cannot carry
 * is left out rather than failing the job: a null or empty tag value (the protocol has no empty tags), a NaN or
 * infinite float, a null string. A point left with no field at all is not written.
 */
public interface Point {
    /** The measurement (InfluxDB) or table (InfluxDB 3, QuestDB); must be called first, once. */
    Point measurement(String name);

    /** A tag: indexed, part of the series' identity. Tags must come before fields. */
    Point tag(String key, String value);

    /** A float field. */
    Point field(String key, double value);

    /** An integer field ({@code 42i}). */
    Point field(String key, long value);

    Point field(String key, boolean value);

    Point field(String key, String value);

    /** The point's time, epoch milliseconds; converted to the sink's precision. Last; without it the store uses its clock. */
    Point timeMillis(long epochMillis);
}
