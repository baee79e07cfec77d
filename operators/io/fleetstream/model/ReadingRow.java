package io.fleetstream.model;

/** One metric of one reading: a row of the lake's long-format {@code readings} table. */
public class ReadingRow {
    public String deviceId;
    public String deviceGroup;
    public long eventTime;
    public String metric;
    public double value;
    public Long seq;

    public ReadingRow() {}

    public ReadingRow(String deviceId, String deviceGroup, long eventTime, String metric, double value, Long seq) {
        this.deviceId = deviceId;
        this.deviceGroup = deviceGroup;
        this.eventTime = eventTime;
        this.metric = metric;
        this.value = value;
        this.seq = seq;
    }

    @Override
    public String toString() {
        return "ReadingRow{" + deviceId + '@' + eventTime + ' ' + metric + '=' + value + '}';
    }
}
