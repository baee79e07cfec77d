package io.fleetstream.lake;

/**
 * One row of the readings table as Parquet hands it over ({@link LakeParquet#readings}); one instance is refilled for
 * every row, so copy what you keep.
 */
public final class ReadingsRow {
    String deviceId;
    long eventTime;
    String metric;
    double value;
    boolean hasSeq;
    long seq;

    public String deviceId() {
        return deviceId;
    }

    public long eventTime() {
        return eventTime;
    }

    public String metric() {
        return metric;
    }

    public double value() {
        return value;
    }

    /** False when the row has no sequence number ({@link #seq()} is then meaningless). */
    public boolean hasSeq() {
        return hasSeq;
    }

    public long seq() {
        return seq;
    }

    void clear() {
        deviceId = null;
        metric = null;
        hasSeq = false;
    }
}
