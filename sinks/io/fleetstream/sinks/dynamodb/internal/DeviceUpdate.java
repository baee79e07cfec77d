package io.fleetstream.sinks.dynamodb.internal;

import java.io.Serializable;

/**
 * One device's state as the sink writes it: the request entry the sink buffers, checkpoints and retries.
 *
 * <p>{@code (lastSeen, snapshotTime)} is its version. {@code snapshotTime} is the record's timestamp: the event
 * time of the current-state operator's emit timer (the end of an emit interval). It grows with every snapshot of a
 * device while {@code lastSeen} never shrinks, so the pair orders a device's snapshots, and a snapshot that only
 * changes active alarms at the same {@code lastSeen} is still newer than the one before it. (It can be below
 * {@code lastSeen}: readings ahead of the watermark join the snapshot already due.)
 */
public final class DeviceUpdate implements Serializable {
    private static final long serialVersionUID = 1L;

    public final String deviceId;
    /** Null when the state named none. */
    public final String deviceGroup;
    public final long lastSeen;
    public final long snapshotTime;
    public final String[] metrics;
    public final double[] values;
    public final long[] metricTimes;
    /** {@code rule=SEVERITY}, in the order they were raised; empty when none. */
    public final String[] activeAlarms;

    /** Failed attempts so far, for the backoff; not checkpointed (a restored entry starts afresh). */
    transient int failedAttempts;

    public DeviceUpdate(String deviceId, String deviceGroup, long lastSeen, long snapshotTime, String[] metrics,
            double[] values, long[] metricTimes, String[] activeAlarms) {
        if (metrics.length != values.length || metrics.length != metricTimes.length) {
            throw new IllegalArgumentException("metrics, values and metricTimes differ in length");
        }
        this.deviceId = deviceId;
        this.deviceGroup = deviceGroup;
        this.lastSeen = lastSeen;
        this.snapshotTime = snapshotTime;
        this.metrics = metrics;
        this.values = values;
        this.metricTimes = metricTimes;
        this.activeAlarms = activeAlarms;
    }

    /** Whether this state may replace {@code other} in the table: a newer version, or the same one. */
    public boolean supersedes(DeviceUpdate other) {
        return lastSeen != other.lastSeen ? lastSeen > other.lastSeen : snapshotTime >= other.snapshotTime;
    }

    @Override
    public String toString() {
        return "DeviceUpdate{" + deviceId + " lastSeen=" + lastSeen + " snapshotTime=" + snapshotTime + " metrics="
                + metrics.length + " alarms=" + activeAlarms.length + '}';
    }
}
