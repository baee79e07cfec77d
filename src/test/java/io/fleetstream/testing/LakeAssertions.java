package io.fleetstream.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fleetstream.sinks.lake.read.LakeReader;

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
