package io.fleetstream.replay.lake.internal;

/** One row of the readings table as Parquet hands it over; one instance is refilled for every row. */
final class ReadingRow {
    String deviceId;
    long eventTime;
    String metric;
    double value;
    boolean hasSeq;
    long seq;

    void clear() {
        deviceId = null;
        metric = null;
        hasSeq = false;
    }
}
