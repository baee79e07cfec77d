package io.fleetstream.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.jobs.TelemetryJob;
import io.fleetstream.jobs.commands.ReplayCommand;
import io.fleetstream.jobs.commands.SimulateCommand;
import io.fleetstream.jobs.config.ConfigLoader;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.lake.LakeReader;
import io.fleetstream.testing.Pipelines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live job on a simulated fleet (faults, duplicates, disorder, bundles, malformed records; anomaly scores and
 * alarms on), then a replay of the same window from that run's lake: the replay's rollups, anomalies and alarms
 * (alarm ids included) are the live job's, row for row.
 */
class ReplaySameAnswersTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    private static final String START = "2025-11-20T00:00:00Z";
    private static final String END = "2025-11-20T02:00:00Z";

    @Test
    void aReplayOfTheLakeGivesTheLiveJobsRollupsAnomaliesAndAlarms(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("input");
        SimulateCommand.run(ConfigLoader.fromMap(Map.of(
                "simulator.devices", "12",
                "simulator.duration", "2 h",
                "simulator.start", START,
                "simulator.fault-rate", "0.6",
                "simulate.path", input.toString())), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));

        Path lake = dir.resolve("lake");
        // The same pipeline options for both runs. Out-of-orderness above the simulator's delivery lag, so no reading
        // is late in either run and every operator sees each device's readings in event-time order.
        Map<String, String> pipeline = Map.of(
                "watermark.out-of-orderness", "2 min",
                "anomaly.enabled", "true",
                "lake.path", lake.toUri().toString(),
                "flink.parallelism.default", "2");
        Map<String, String> live = new HashMap<>(pipeline);
        live.put("source.type", "file");
        live.put("source.file.path", input.resolve("telemetry.ndjson").toString());
        FleetConfig liveCfg = Pipelines.config(live);
        long t0 = System.nanoTime();
        StreamExecutionEnvironment env = Environments.create(liveCfg);
        TelemetryJob.define(env, liveCfg);
        env.execute("live");
        System.out.printf("live run %.1f s%n", (System.nanoTime() - t0) / 1e9);

        Map<String, String> replay = new HashMap<>(pipeline);
        replay.put("source.type", "lake");
        replay.put("replay.from", START);
        replay.put("replay.to", END);
        replay.put("replay.run-id", "same-answers");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code = ReplayCommand.run(Pipelines.config(replay), new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.out.println(printed.toString(StandardCharsets.UTF_8));
        assertThat(code).isZero();
        Path run = lake.resolve("replays").resolve("same-answers");

        assertThat(LakeReader.read(lake, "late_readings")).as("no reading was late in the live run").isEmpty();
        List<String> liveAnomalies = rows(lake, "anomalies");
        List<String> liveAlarms = rows(lake, "alarms");
        assertThat(liveAnomalies).as("the live run scored anomalies").hasSizeGreaterThan(10);
        assertThat(liveAlarms).as("the live run raised and cleared alarms").anyMatch(a -> a.contains("CLEARED"));

        sameRows("readings", rows(lake, "readings"), rows(run, "readings"));
        sameRollups(LakeReader.read(lake, "rollups"), LakeReader.read(run, "rollups"));
        sameRows("anomalies", liveAnomalies, rows(run, "anomalies"));
        sameRows("alarms", liveAlarms, rows(run, "alarms"));
        assertThat(run.resolve("report.html")).exists();
        assertThat(Files.readString(run.resolve("_replay.json"))).contains("\"status\" : \"finished\"");
    }

    /** The same rows, as multisets; a failure lists only the rows that differ. */
    private static void sameRows(String table, List<String> live, List<String> replayed) {
        List<String> missing = new java.util.ArrayList<>(live);
        replayed.forEach(missing::remove);
        List<String> extra = new java.util.ArrayList<>(replayed);
        live.forEach(extra::remove);
        assertThat(missing).as(table + ": live rows the replay lacks").isEmpty();
        assertThat(extra).as(table + ": replay rows the live job lacks").isEmpty();
        assertThat(replayed).as(table).hasSameSizeAs(live);
    }

    /**
     * The same rollup rows: the same keys and revisions, and per row the same count, min, max, first and last.
     * Sums (and the mean and standard deviation made from them) are equal to 1e-9 relative: floating-point addition
     * depends on the order readings arrive in, and a window that spans two hours gets them from two lake readers.
     */
    private static void sameRollups(List<Map<String, Object>> live, List<Map<String, Object>> replayed) {
        Map<String, Map<String, Object>> byKey = new HashMap<>();
        for (Map<String, Object> r : live) {
            assertThat(byKey.put(rollupKey(r), r)).as("one live row per key and revision").isNull();
        }
        assertThat(replayed).as("rollups").hasSameSizeAs(live);
        for (Map<String, Object> r : replayed) {
            Map<String, Object> l = byKey.get(rollupKey(r));
            assertThat(l).as("the live job has rollup " + rollupKey(r)).isNotNull();
            for (String exact : List.of("window_end", "count", "min", "max", "first", "last", "dt", "hr",
                    "device_group")) {
                assertThat(r.get(exact)).as(rollupKey(r) + " " + exact).isEqualTo(l.get(exact));
            }
            for (String sum : List.of("sum", "mean", "stddev")) {
                if (l.get(sum) == null) {
                    assertThat(r.get(sum)).as(rollupKey(r) + " " + sum).isNull();
                } else {
                    double expected = (Double) l.get(sum);
                    assertThat((Double) r.get(sum)).as(rollupKey(r) + " " + sum)
                            .isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-9 * Math.max(1,
                                    Math.abs(expected))));
                }
            }
        }
    }

    private static String rollupKey(Map<String, Object> r) {
        return r.get("device_id") + "|" + r.get("metric") + "|" + r.get("window_spec") + "|" + r.get("window_start")
                + "|" + r.get("revision");
    }

    /** Every row of a table with its partition columns, as text, sorted: the comparison ignores order only. */
    private static List<String> rows(Path lake, String table) throws Exception {
        return LakeReader.read(lake, table).stream().map(Map::toString).sorted().collect(Collectors.toList());
    }
}
