package io.fleetstream.lake;

import io.fleetstream.model.HivePathValues;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The lake's Hive layout: {@code <table>/dt=YYYY-MM-DD/hr=HH/device_group=<escaped>/part-*.parquet}, by UTC partition
 * time. Group values are escaped the way Hive escapes them so that Athena, Spark and DuckDB read them back. Readers
 * prune by it: folder names are computed from the hours wanted, so only those hours' folders are ever listed, and
 * only the groups wanted are opened.
 */
public final class LakePartitions {
    private LakePartitions() {}

    public static final long HOUR = 3_600_000L;

    /** Hive's name for a partition whose value is empty. */
    public static final String DEFAULT_PARTITION = HivePathValues.DEFAULT_PARTITION;

    private static final String GROUP_KEY = HivePathValues.GROUP_KEY;

    /** {@code dt=2025-11-20/hr=10/device_group=<escaped group>} for a time in epoch ms (UTC). */
    public static String path(long epochMillis, String deviceGroup) {
        return hourPath(epochMillis) + "/" + GROUP_KEY + escape(deviceGroup);
    }

    /** {@code dt=2025-11-20/hr=07} of the hour that holds {@code epochMillis} (UTC). */
    public static String hourPath(long epochMillis) {
        long epochHour = Math.floorDiv(epochMillis, HOUR);
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(epochHour, 24L));
        int hour = (int) Math.floorMod(epochHour, 24L);
        return "dt=" + day + "/hr=" + (hour < 10 ? "0" : "") + hour;
    }

    /** The group as its partition folder names it, {@code device_group=} left out: {@link HivePathValues#escape}. */
    public static String escape(String value) {
        return HivePathValues.escape(value);
    }

    /** Undoes {@link #escape}: {@link HivePathValues#unescape}. */
    public static String unescape(String s) {
        return HivePathValues.unescape(s);
    }

    /** Starts of the hours that overlap {@code [from, to)}, oldest first. */
    public static List<Long> hours(long from, long to) {
        List<Long> hours = new ArrayList<>();
        for (long h = Math.floorDiv(from, HOUR) * HOUR; h < to; h += HOUR) {
            hours.add(h);
        }
        return hours;
    }

    /**
     * The committed files of one hour of a table, by group folder then name (so the order, and a merge over it, is
     * the same on every run). Hidden files ({@code .} in-progress parts, {@code _} markers) are skipped.
     *
     * @param groups the device groups to keep; empty keeps every group
     */
    public static List<LakeFile> files(Path table, long hourStart, Set<String> groups) throws IOException {
        Path hour = new Path(table, hourPath(hourStart));
        FileSystem fs = hour.getFileSystem();
        List<LakeFile> files = new ArrayList<>();
        for (FileStatus groupDir : list(fs, hour)) {
            String name = groupDir.getPath().getName();
            if (!groupDir.isDir() || !name.startsWith(GROUP_KEY)) {
                continue;
            }
            String escaped = name.substring(GROUP_KEY.length());
            String group = escaped.equals(DEFAULT_PARTITION) ? null : unescape(escaped);
            if (!groups.isEmpty() && !groups.contains(group == null ? "" : group)) {
                continue;
            }
            for (FileStatus f : list(fs, groupDir.getPath())) {
                String file = f.getPath().getName();
                if (!f.isDir() && file.endsWith(".parquet") && !file.startsWith(".") && !file.startsWith("_")) {
                    files.add(new LakeFile(f.getPath().toString(), group));
                }
            }
        }
        return files;
    }

    private static List<FileStatus> list(FileSystem fs, Path dir) throws IOException {
        FileStatus[] found;
        try {
            found = fs.listStatus(dir);
        } catch (FileNotFoundException e) {
            return List.of();
        }
        if (found == null) {
            return List.of();
        }
        FileStatus[] sorted = found.clone();
        Arrays.sort(sorted, Comparator.comparing(s -> s.getPath().getName()));
        return Arrays.asList(sorted);
    }
}
