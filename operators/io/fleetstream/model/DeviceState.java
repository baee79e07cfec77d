package io.fleetstream.model;

/**
 * A device's current state: the latest value of each metric with its event time. Emitted as a snapshot at most
 * once per device per emit interval.
 */
public class DeviceState {
    public String deviceId;
    public String deviceGroup;
    /** Event time of the newest reading seen. */
    public long lastSeen;
    public String[] metrics;
    public double[] values;
    /** Event time of each metric's value. */
    public long[] metricTimes;
    /** False while an offline rule's alarm is active for the device. */
    public boolean online = true;
    /** Active alarms as {@code rule=SEVERITY}, in the order they were raised. */
    public String[] activeAlarms;

    public DeviceState() {}

    public int indexOf(String metric) {
        for (int i = 0; i < metrics.length; i++) {
            if (metrics[i].equals(metric)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("DeviceState{").append(deviceId).append(" lastSeen=").append(lastSeen);
        for (int i = 0; i < metrics.length; i++) {
            b.append(' ').append(metrics[i]).append('=').append(values[i]).append('@').append(metricTimes[i]);
        }
        if (!online) {
            b.append(" OFFLINE");
        }
        if (activeAlarms != null && activeAlarms.length > 0) {
            b.append(" alarms=").append(String.join(",", activeAlarms));
        }
        return b.append('}').toString();
    }
}
