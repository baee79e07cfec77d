package io.fleetstream.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One validated reading of one device at one event time. Metrics are kept as parallel arrays rather than a map
 * so that Flink serializes the type with its POJO serializer (a {@code Map} field would fall back to Kryo).
 */
public class Reading {
    public String deviceId;
    public String deviceGroup;
    /** Event time, epoch milliseconds. */
    public long eventTime;
    /** Per-device sequence number, or null when the device sends none. */
    public Long seq;
    public String[] metrics;
    public double[] values;

    public Reading() {}

    public Reading(String deviceId, String deviceGroup, long eventTime, Long seq, String[] metrics, double[] values) {
        this.deviceId = deviceId;
        this.deviceGroup = deviceGroup;
        this.eventTime = eventTime;
        this.seq = seq;
        this.metrics = metrics;
        this.values = values;
    }

    public int size() {
        return metrics.length;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Reading)) {
            return false;
        }
        Reading r = (Reading) o;
        return eventTime == r.eventTime
                && Objects.equals(deviceId, r.deviceId)
                && Objects.equals(deviceGroup, r.deviceGroup)
                && Objects.equals(seq, r.seq)
                && Arrays.equals(metrics, r.metrics)
                && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, eventTime, seq);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Reading{").append(deviceId).append('@').append(eventTime);
        if (seq != null) {
            b.append(" seq=").append(seq);
        }
        for (int i = 0; i < metrics.length; i++) {
            b.append(' ').append(metrics[i]).append('=').append(values[i]);
        }
        return b.append('}').toString();
    }
}
