package io.fleetstream.sinks.dynamodb.internal;

import io.fleetstream.model.DeviceState;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns {@link DeviceState} snapshots into {@link DeviceUpdate}s within DynamoDB's limits. A state that cannot be
 * an item at all (no or too long a device id, too large) is skipped by the writer, and a value DynamoDB cannot
 * hold is left out of the item: bad data must not fail the job, and DynamoDB would reject the whole write.
 */
public final class DeviceUpdates {
    private DeviceUpdates() {}

    /** DynamoDB's item size limit. */
    public static final int MAX_ITEM_BYTES = 400 * 1024;
    static final int MAX_PARTITION_KEY_BYTES = 2048;
    // DynamoDB numbers: magnitudes from 1E-130 to 9.9999999999999999999999999999999999999E+125, or zero.
    private static final double MIN_MAGNITUDE = 1E-130;
    private static final double MAX_MAGNITUDE = 9.9999999999999999999999999999999999999E+125;

    /** @return why the state cannot be written, or null when it can */
    public static String problem(DeviceState s) {
        if (s.deviceId == null || s.deviceId.isEmpty()) {
            return "no deviceId";
        }
        if (utf8Length(s.deviceId) > MAX_PARTITION_KEY_BYTES) {
            return "deviceId longer than DynamoDB's " + MAX_PARTITION_KEY_BYTES + "-byte partition key limit";
        }
        if (s.metrics == null || s.values == null || s.metricTimes == null
                || s.metrics.length != s.values.length || s.metrics.length != s.metricTimes.length) {
            return "metrics, values and metricTimes differ in length";
        }
        long size = sizeInBytes(s.deviceId, s.deviceGroup, s.metrics, s.activeAlarms);
        if (size > MAX_ITEM_BYTES) {
            return "item of about " + size + " bytes is over DynamoDB's " + MAX_ITEM_BYTES + "-byte limit";
        }
        return null;
    }

    /** Values of a valid state that the item leaves out. */
    public static int unstorableValues(DeviceState s) {
        int n = 0;
        for (int i = 0; i < s.metrics.length; i++) {
            if (!storable(s.metrics[i], s.values[i])) {
                n++;
            }
        }
        return n;
    }

    static boolean storable(String metric, double v) {
        if (metric == null || metric.isEmpty() || Double.isNaN(v) || Double.isInfinite(v)) {
            return false;
        }
        double m = Math.abs(v);
        return m == 0 || (m >= MIN_MAGNITUDE && m <= MAX_MAGNITUDE);
    }

    /**
     * A copy (the pipeline may reuse objects) of a valid state, without unstorable values.
     *
     * @param timestamp the record's timestamp: the event time the snapshot was emitted at; null when the stream
     *     has none, and then equal {@code lastSeen}s do not replace each other
     */
    public static DeviceUpdate from(DeviceState s, Long timestamp) {
        int n = 0;
        String[] metrics = new String[s.metrics.length];
        double[] values = new double[metrics.length];
        long[] times = new long[metrics.length];
        for (int i = 0; i < s.metrics.length; i++) {
            if (storable(s.metrics[i], s.values[i])) {
                metrics[n] = s.metrics[i];
                values[n] = s.values[i];
                times[n] = s.metricTimes[i];
                n++;
            }
        }
        String[] alarms = s.activeAlarms == null ? new String[0]
                : Arrays.stream(s.activeAlarms).filter(a -> a != null && !a.isEmpty()).toArray(String[]::new);
        return new DeviceUpdate(s.deviceId, s.deviceGroup, s.lastSeen, timestamp == null ? s.lastSeen : timestamp,
                Arrays.copyOf(metrics, n), Arrays.copyOf(values, n), Arrays.copyOf(times, n), alarms);
    }

    /** The item's size as DynamoDB counts it, rounded up: what the sink's buffer limits are measured in. */
    public static long sizeInBytes(DeviceUpdate u) {
        return sizeInBytes(u.deviceId, u.deviceGroup, u.metrics, u.activeAlarms);
    }

    private static long sizeInBytes(String deviceId, String group, String[] metrics, String[] alarms) {
        // Attribute names and top-level values; a number is at most 21 bytes; a map or list entry costs its key
        // (maps) plus one byte, a map or list itself three.
        long size = 200 + utf8Length(deviceId) + (group == null ? 0 : utf8Length(group));
        for (String m : metrics) {
            size += 2L * (utf8Length(m == null ? "" : m) + 21 + 1);
        }
        if (alarms != null) {
            for (String a : alarms) {
                size += (a == null ? 0 : utf8Length(a)) + 1;
            }
        }
        return size;
    }

    private static int utf8Length(String s) {
        int n = s.length();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return n;
    }
}
