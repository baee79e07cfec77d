package io.fleetstream.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fleetstream.lake.LakeReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Checks of a lake's tables against what a {@link TestInput} holds, shared by the pipeline tests. */
public final class LakeAssertions {
    private LakeAssertions() {}

    /** The readings table holds every valid reading of the input exactly once, nothing else. */
    /** Every table of the lake, written by a job that crashes and restores. */
    public static final List<String> ALL_TABLES =
            List.of("readings", "rollups", "late_readings", "anomalies", "alarms", "device_state", "dead_letters");

    /**
     * Each table of {@code actual} holds the rows of {@code expected}, each as many times. On a difference the
     * message gives the counts and the first rows missing and extra (a duplicated row is an extra one), which a
     * list of thousands of rows would hide.
     */
    public static void sameTables(Path expected, Path actual, List<String> tables, String context) throws IOException {
        sameTables(expected, actual, tables, context, 0);
    }

    /**
     * As {@link #sameTables(Path, Path, List, String)}, with every double compared to {@code digits} significant
     * digits (0: exactly): for inputs whose arrival order may differ within a window, where a running variance
     * keeps the same value up to its last bits.
     */
    public static void sameTables(Path expected, Path actual, List<String> tables, String context, int digits)
            throws IOException {
        for (String table : tables) {
            sameRows(counts(expected, table, digits), counts(actual, table, digits), table + " " + context);
        }
    }

    /**
     * The same rows, each as many times: as {@link #sameTables(Path, Path, List, String)} does for one table, for
     * rows read from anywhere else (a topic, a store). The message names the first rows missing and extra.
     */
    public static void sameRows(List<String> expected, List<String> actual, String what) {
        Map<String, Integer> want = new java.util.TreeMap<>();
        expected.forEach(row -> want.merge(row, 1, Integer::sum));
        Map<String, Integer> got = new java.util.TreeMap<>();
        actual.forEach(row -> got.merge(row, 1, Integer::sum));
        sameRows(want, got, what);
    }

    private static void sameRows(Map<String, Integer> want, Map<String, Integer> got, String what) {
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        want.forEach((row, n) -> {
            for (int i = got.getOrDefault(row, 0); i < n; i++) {
                missing.add(row);
            }
        });
        got.forEach((row, n) -> {
            for (int i = want.getOrDefault(row, 0); i < n; i++) {
                extra.add(row);
            }
        });
        assertThat(missing.size() + extra.size())
                .as("%s: %d rows expected, %d written; %d missing, first %s; %d extra (duplicated or new), "
                        + "first %s", what, total(want), total(got), missing.size(),
                        missing.subList(0, Math.min(3, missing.size())), extra.size(),
                        extra.subList(0, Math.min(3, extra.size())))
                .isZero();
    }

    private static Map<String, Integer> counts(Path lake, String table, int digits) throws IOException {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (Map<String, Object> row : LakeReader.read(lake, table)) {
            Map<String, Object> shown = row;
            if (digits > 0) {
                shown = new java.util.LinkedHashMap<>();
                for (Map.Entry<String, Object> e : row.entrySet()) {
                    shown.put(e.getKey(), e.getValue() instanceof Double
                            ? String.format(java.util.Locale.ROOT, "%." + digits + "g", (Double) e.getValue())
                            : e.getValue());
                }
            }
            counts.merge(shown.toString(), 1, Integer::sum);
        }
        return counts;
    }

    private static int total(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public static void readingsExactlyOnce(Path lake, List<TestInput.Row> valid) throws IOException {
        List<String> actual = LakeReader.read(lake, "readings").stream()
                .map(r -> r.get("device_id") + "|" + r.get("event_time") + "|" + r.get("metric") + "|" + r.get("value")
                        + "|" + r.get("seq") + "|" + r.get("device_group"))
                .sorted().collect(Collectors.toList());
        List<String> expected = new ArrayList<>();
        for (TestInput.Row r : valid) {
            expected.add(r.device + "|" + r.time + "|temp_c|" + r.temp + "|" + r.seq + "|" + r.group);
            expected.add(r.device + "|" + r.time + "|door_open|" + r.door + "|" + r.seq + "|" + r.group);
        }
        expected.sort(null);
        assertThat(actual).hasSize(expected.size()).isEqualTo(expected);
    }

    /** The latest revision of each rollup key the filter keeps; key is {@code device|metric|spec|windowStart}. */
    public static Map<String, Map<String, Object>> latestRollups(Path lake, Predicate<String> keep)
            throws IOException {
        Map<String, Map<String, Object>> latest = new HashMap<>();
        for (Map<String, Object> r : LakeReader.read(lake, "rollups")) {
            String key = r.get("device_id") + "|" + r.get("metric") + "|" + r.get("window_spec") + "|"
                    + r.get("window_start");
            if (keep.test(key)) {
                latest.merge(key, r, (a, b) -> (Integer) a.get("revision") >= (Integer) b.get("revision") ? a : b);
            }
        }
        return latest;
    }

    /**
     * Every kept rollup (latest revision) equals the independent computation over {@code counted}, and the lake has
     * exactly the windows that {@code finalWatermark} (where the job's watermark ended) closed.
     */
    public static void rollupsMatch(Path lake, List<TestInput.Row> counted, long finalWatermark,
            Predicate<String> keep) throws IOException {
        Map<String, double[]> expected =
                new HashMap<>(ExpectedRollups.compute(counted, "1m", 60_000, 60_000, finalWatermark));
        expected.putAll(ExpectedRollups.compute(counted, "5m/1m", 300_000, 60_000, finalWatermark));
        expected.keySet().removeIf(keep.negate());
        Map<String, Map<String, Object>> latest = latestRollups(lake, keep);
        assertThat(latest.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        latest.forEach((key, r) -> {
            double[] e = expected.get(key);
            assertThat((Long) r.get("count")).as(key).isEqualTo((long) e[0]);
            assertThat((Double) r.get("min")).as(key).isEqualTo(e[1]);
            assertThat((Double) r.get("max")).as(key).isEqualTo(e[2]);
            assertThat((Double) r.get("sum")).as(key).isCloseTo(e[3], within(1e-9));
            assertThat((Double) r.get("mean")).as(key).isCloseTo(e[4], within(1e-9));
            if (Double.isNaN(e[5])) {
                assertThat(r.get("stddev")).as(key).isNull();
            } else {
                assertThat((Double) r.get("stddev")).as(key).isCloseTo(e[5], within(1e-9));
            }
            assertThat((Double) r.get("first")).as(key).isEqualTo(e[6]);
            assertThat((Double) r.get("last")).as(key).isEqualTo(e[7]);
            long start = Long.parseLong(key.substring(key.lastIndexOf('|') + 1));
            assertThat((Long) r.get("window_end") - start).isEqualTo(key.contains("|5m/1m|") ? 300_000L : 60_000L);
        });
    }

    /** The dead letters' reasons are exactly those the input planted. */
    public static List<Map<String, Object>> deadLetters(Path lake, TestInput input) throws IOException {
        List<Map<String, Object>> dead = LakeReader.read(lake, "dead_letters");
        assertThat(dead).extracting(r -> (String) r.get("reason"))
                .containsExactlyInAnyOrderElementsOf(input.deadLetterReasons);
        return dead;
    }

    /** Whether a rollup key's window contains a time (for excluding windows a late reading may or may not reach). */
    public static boolean windowContains(String key, long time) {
        long start = Long.parseLong(key.substring(key.lastIndexOf('|') + 1));
        long size = key.contains("|5m/1m|") ? 300_000L : 60_000L;
        return start <= time && time < start + size;
    }
}
