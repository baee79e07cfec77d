package io.fleetstream.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.jobs.TelemetryJob;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.testing.LakeAssertions;
import io.fleetstream.lake.LakeReader;
import io.fleetstream.testing.Pipelines;
import io.fleetstream.testing.TestInput;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** NDJSON in, Parquet lake out, on a MiniCluster: every output checked against an independent computation. */
class TelemetryPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    private static final long OUT_OF_ORDERNESS =
            io.fleetstream.jobs.config.PipelineOptions.OUT_OF_ORDERNESS.defaultValue().toMillis();

    @TempDir
    static Path dir;

    static TestInput input;
    static Path lake;

    /** Runs once, on the first test: the cluster extension installs its environment before each test. */
    @BeforeEach
    void runTheJobOnce() throws Exception {
        if (input != null) {
            return;
        }
        Path file = dir.resolve("in").resolve("telemetry.ndjson");
        java.nio.file.Files.createDirectories(file.getParent());
        TestInput written = TestInput.write(file, 40, 60, 5_000L, 7L);
        lake = dir.resolve("lake");
        io.fleetstream.jobs.config.FleetConfig cfg = Pipelines.config(Map.of(
                "source.type", "file",
                "source.file.path", file.getParent().toUri().toString(),
                "lake.path", lake.toUri().toString(),
                "parse.max-future", "3650 d",
                "flink.parallelism.default", "2"));
        StreamExecutionEnvironment env = Environments.create(cfg);
        TelemetryJob.define(env, cfg);
        env.execute("pipeline-test");
        input = written;
    }

    @Test
    void readingsTableHoldsEveryValidReadingExactlyOnce() throws Exception {
        LakeAssertions.readingsExactlyOnce(lake, input.valid);
    }

    @Test
    void partitionsFollowEventTimeAndEscapeTheGroup() throws Exception {
        List<Map<String, Object>> rows = LakeReader.read(lake, "readings");
        assertThat(rows).allSatisfy(r -> {
            LocalDateTime t = LocalDateTime.ofEpochSecond((Long) r.get("event_time") / 1000, 0, ZoneOffset.UTC);
            assertThat(r.get("dt")).isEqualTo(t.toLocalDate().toString());
            assertThat(r.get("hr")).isEqualTo(String.format("%02d", t.getHour()));
        });
        assertThat(LakeReader.files(lake, "readings"))
                .anySatisfy(p -> assertThat(p.toString()).contains("device_group=cold%2Fchain west"));
    }

    @Test
    void everyRollupEqualsTheIndependentComputation() throws Exception {
        List<TestInput.Row> counted = new ArrayList<>(input.valid);
        counted.remove(input.veryLate);
        LakeAssertions.rollupsMatch(lake, counted, input.finalWatermark(OUT_OF_ORDERNESS), key -> true);
    }

    @Test
    void duckDbQueriesRollupsPerDeviceAndMinuteFromTheLake() throws Exception {
        List<TestInput.Row> counted = new ArrayList<>(input.valid);
        counted.remove(input.veryLate);
        Map<String, double[]> expected = io.fleetstream.testing.ExpectedRollups.compute(counted, "1m", 60_000, 60_000,
                input.finalWatermark(OUT_OF_ORDERNESS));
        String sql = "SELECT device_id, epoch_ms(window_start) AS start_ms, metric, count, mean"
                + " FROM read_parquet('" + lake.resolve("rollups") + "/**/*.parquet', hive_partitioning = true)"
                + " WHERE window_spec = '1m'"
                + " QUALIFY row_number() OVER (PARTITION BY device_id, metric, window_spec, window_start"
                + " ORDER BY revision DESC) = 1";
        int rows = 0;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows++;
                String key = rs.getString(1) + "|" + rs.getString(3) + "|1m|" + rs.getLong(2);
                assertThat(expected).containsKey(key);
                assertThat(rs.getLong(4)).as(key).isEqualTo((long) expected.get(key)[0]);
                assertThat(rs.getDouble(5)).as(key).isCloseTo(expected.get(key)[4], org.assertj.core.data.Offset.offset(1e-9));
            }
        }
        assertThat(rows).isEqualTo(expected.size());
    }

    @Test
    void aReadingPastTheAllowedLatenessGoesToLateReadings() throws Exception {
        List<Map<String, Object>> late = LakeReader.read(lake, "late_readings");
        assertThat(late).extracting(r -> r.get("device_id") + "@" + r.get("event_time"))
                .containsOnly(input.veryLate.device + "@" + input.veryLate.time)
                .hasSize(2);
    }

    @Test
    void deadLettersKeepReasonAndFileLine() throws Exception {
        List<Map<String, Object>> dead = LakeAssertions.deadLetters(lake, input);
        List<String> lines = dead.stream().map(r -> (String) r.get("source"))
                .map(s -> s.substring(s.lastIndexOf('#') + 1)).collect(Collectors.toList());
        assertThat(lines).containsExactlyInAnyOrderElementsOf(
                input.deadLetterLines.stream().map(String::valueOf).collect(Collectors.toList()));
        assertThat(dead).filteredOn(r -> r.get("reason").equals("BAD_TIMESTAMP"))
                .singleElement().satisfies(r -> assertThat(r.get("device_group")).isEqualTo("pumps"));
        assertThat(dead).filteredOn(r -> r.get("reason").equals("MALFORMED_JSON"))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("device_group")).isEqualTo("unknown");
                    assertThat(r.get("raw")).isEqualTo("{\"deviceId\":\"dev-1\",\"timestamp\":");
                });
    }

    /** The final snapshot of a device is one of its readings, as new as the final watermark surely let it be. */
    @Test
    void deviceStateEndsAtAReadingTheFinalWatermarkCovers() throws Exception {
        Map<String, TestInput.Row> newest = input.newestByDevice();
        Map<String, Long> atLeast = input.surelyInFinalState(input.finalWatermark(OUT_OF_ORDERNESS));
        Map<String, Map<String, Object>> last = new HashMap<>();
        for (Map<String, Object> r : LakeReader.read(lake, "device_state")) {
            last.merge((String) r.get("device_id"), r,
                    (a, b) -> (Long) a.get("last_seen") >= (Long) b.get("last_seen") ? a : b);
        }
        assertThat(last).hasSameSizeAs(newest);
        newest.forEach((device, n) -> {
            Map<String, Object> s = last.get(device);
            assertThat((Long) s.get("last_seen")).as(device).isBetween(atLeast.get(device), n.time);
            TestInput.Row r = input.reading(device, (Long) s.get("last_seen"));
            @SuppressWarnings("unchecked")
            Map<String, Object> metrics = (Map<String, Object>) s.get("metrics");
            assertThat(metrics).as(device).containsEntry("temp_c", r.temp).containsEntry("door_open", r.door);
        });
    }
}
