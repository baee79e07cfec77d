package io.fleetstream.sinks.lake.internal;

import java.time.LocalDate;

/** Hive-style partition paths, escaped the way Hive escapes them so that Athena, Spark and DuckDB read them back. */
public final class HivePartitions {
    private HivePartitions() {}

    /** The characters Hive's FileUtils.escapePathName escapes, plus every control character. */
    private static final String ESCAPED = "\"#%'*/:=?\\{[]^";

    /** Hive's name for a partition whose value is empty. */
    public static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

    public static String escape(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_PARTITION;
        }
        StringBuilder b = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F || ESCAPED.indexOf(c) >= 0) {
                if (b == null) {
                    b = new StringBuilder(value.length() + 8).append(value, 0, i);
                }
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4 & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? value : b.toString();
    }

    /** {@code dt=2025-11-20/hr=10/device_group=<escaped group>} for a time in epoch ms (UTC). */
    public static String path(long epochMillis, String deviceGroup) {
        long epochHour = Math.floorDiv(epochMillis, 3_600_000L);
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(epochHour, 24L));
        int hour = (int) Math.floorMod(epochHour, 24L);
        return "dt=" + day + "/hr=" + (hour < 10 ? "0" : "") + hour + "/device_group=" + escape(deviceGroup);
    }
}
