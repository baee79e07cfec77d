package io.fleetstream.model;

/**
 * Aggregates of one metric of one device over one window. A window re-fired by late data is emitted again with
 * the same key ({@code deviceId, metric, windowSpec, windowStart}) and the next {@code revision}.
 */
public class Rollup {
    public String deviceId;
    public String deviceGroup;
    public String metric;
    /** {@code 1m} for a tumbling window, {@code 5m/1m} for a sliding one. */
    public String windowSpec;
    public long windowStart;
    public long windowEnd;
    public long count;
    public double min;
    public double max;
    public double sum;
    public double mean;
    /** Sample standard deviation; null when count is below 2. */
    public Double stddev;
    /** Value at the earliest event time in the window. */
    public double first;
    /** Value at the latest event time in the window. */
    public double last;
    public int revision;

    public Rollup() {}

    @Override
    public String toString() {
        return "Rollup{" + deviceId + ' ' + metric + ' ' + windowSpec + " [" + windowStart + ',' + windowEnd
                + ") n=" + count + " min=" + min + " max=" + max + " mean=" + mean + " rev=" + revision + '}';
    }
}
