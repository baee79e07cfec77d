package io.fleetstream.operators.alarm.sequence;

import io.fleetstream.operators.alarm.RuleState;
import java.util.Arrays;

/**
 * What the sequence feed keeps per device: the last known value of each metric a sequence rule reads, by name (so a
 * changed rules file after a restore still finds them), and when the device was last seen. A POJO.
 */
public class DeviceValues {
    public String[] metrics = new String[0];
    public double[] values = new double[0];
    /** Event time of the newest reading applied. */
    public long lastSeen = RuleState.NONE;
    /** The one expiry timer registered for the device, or NONE. */
    public long timer = RuleState.NONE;

    public DeviceValues() {}

    /** The metric's last known value, NaN when the device has not reported it. */
    double get(String metric) {
        for (int i = 0; i < metrics.length; i++) {
            if (metrics[i].equals(metric)) {
                return values[i];
            }
        }
        return Double.NaN;
    }

    void set(String metric, double value) {
        for (int i = 0; i < metrics.length; i++) {
            if (metrics[i].equals(metric)) {
                values[i] = value;
                return;
            }
        }
        metrics = Arrays.copyOf(metrics, metrics.length + 1);
        values = Arrays.copyOf(values, values.length + 1);
        metrics[metrics.length - 1] = metric;
        values[values.length - 1] = value;
    }
}
