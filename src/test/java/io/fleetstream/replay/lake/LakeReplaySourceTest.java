package io.fleetstream.replay.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetstream.jobs.TelemetryJob;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.jobs.pipeline.LakeOutputs;
import io.fleetstream.jobs.pipeline.PipelineStreams;
import io.fleetstream.jobs.pipeline.TelemetryPipeline;
import io.fleetstream.model.RawRecord;
import io.fleetstream.lake.FlinkInputFile;
import io.fleetstream.lake.LakeReader;
import io.fleetstream.testing.FailOnceAfterACheckpoint;
import io.fleetstream.testing.Pipelines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lake source on a lake the live job wrote: it opens only the partitions of the window's hours (and groups),
 * keeps exactly the readings whose event time is in {@code [from, to)}, turns them back into the input contract,
 * and a replay that fails after a checkpoint resumes from it without losing or repeating a reading.
 */
class LakeReplaySourceTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    private static final long FROM = Instant.parse("2025-11-20T10:30:00Z").toEpochMilli();
    private static final long TO = Instant.parse("2025-11-20T11:15:00Z").toEpochMilli();
    private static final String PUMPS = "pumps";
    private static final String COLD = "cold/chain west";

    @TempDir
    static Path dir;
    static Path lake;
    /** Every reading written: device|group|time|seq -> metrics. */
    static final Map<String, Map<String, Double>> WRITTEN = new TreeMap<>();

    @BeforeAll
    static void liveJobWritesTheLake() throws Exception {
        List<String> lines = new ArrayList<>();
        long start = Instant.parse("2025-11-20T09:00:00Z").toEpochMilli();
        long end = Instant.parse("2025-11-20T13:00:00Z").toEpochMilli();
        for (int d = 0; d < 12; d++) {
            String device = d % 3 == 0 ? "reefer/" + d : "pump-" + d;
            String group = d % 3 == 0 ? COLD : PUMPS;
            for (long t = start + d * 7L; t < end; t += 10_000) {
                lines.add(reading(device, group, t, d % 2 == 0 ? (t - start) / 10_000 : null, d));
            }
        }
        // Readings a millisecond either side of both ends of the window.
        for (long t : new long[] {FROM - 1, FROM, TO - 1, TO}) {
            lines.add(reading("edge", PUMPS, t, null, 99));
            lines.add(reading("edge-cold", COLD, t, 5L, 98));
        }
        Path input = dir.resolve("input.ndjson");
        Files.write(input, lines, StandardCharsets.UTF_8);
        lake = dir.resolve("lake");
        FleetConfig cfg = Pipelines.config(Map.of(
                "source.type", "file",
                "source.file.path", input.toString(),
                "lake.path", lake.toUri().toString(),
                "parse.max-future", "3650 d",
                "flink.parallelism.default", "2"));
        StreamExecutionEnvironment env = Environments.create(cfg);
        TelemetryJob.define(env, cfg);
        env.execute("live");
        assertThat(LakeReader.read(lake, "readings")).hasSize(3 * WRITTEN.size());
    }

    private static String reading(String device, String group, long t, Long seq, int d) {
        double temp = Math.round((4 + Math.sin(t / 600_000.0 + d)) * 1000) / 1000.0;
        boolean door = (t / 10_000 + d) % 7 == 0;
        double rpm = 1000 + d * 0.1 + (t % 10_000) / 3.0;
        Map<String, Double> m = new TreeMap<>(Map.of("temp_c", temp, "door_open", door ? 1.0 : 0.0, "rpm", rpm));
        WRITTEN.put(device + "|" + group + "|" + t + "|" + seq, m);
        return String.format(Locale.ROOT, "{\"deviceId\":\"%s\",\"deviceGroup\":\"%s\",\"timestamp\":%d,%s"
                + "\"data\":{\"temp_c\":%s,\"door_open\":%s,\"rpm\":%s}}", device, group, t,
                seq == null ? "" : "\"seq\":" + seq + ",", temp, door, rpm);
    }

    @Test
    void onlyTheWindowsHoursAreOpenedAndItsEdgesAreExact() throws Exception {
        Path copy = copyOf(lake, "edges");
        Path before = corrupt(copy, "dt=2025-11-20/hr=09/device_group=pumps");
        Path after = corrupt(copy, "dt=2025-11-20/hr=12/device_group=pumps");
        assertThatThrownBy(() -> ParquetFileReader.open(new FlinkInputFile(before.toString())).close())
                .as("the planted file is unreadable").isNotNull();

        List<RawRecord> got = read(copy, Set.of(), Set.of());

        assertThat(keys(got)).isEqualTo(expected(g -> true));
        assertThat(keys(got)).contains("edge|pumps|" + FROM + "|null", "edge|pumps|" + (TO - 1) + "|null")
                .doesNotContain("edge|pumps|" + (FROM - 1) + "|null", "edge|pumps|" + TO + "|null");
        for (RawRecord r : got) {
            JsonNode json = new ObjectMapper().readTree(r.payload);
            Map<String, Double> data = new TreeMap<>();
            json.get("data").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().doubleValue()));
            assertThat(data).as("metrics of %s", key(json)).isEqualTo(WRITTEN.get(key(json)));
            assertThat(r.source).startsWith("lake:file:").contains("/readings/dt=2025-11-20/hr=1")
                    .matches(".*\\.parquet#\\d+");
            assertThat(r.ingestTime).isEqualTo(json.get("timestamp").asLong());
        }
        assertThat(after).exists();
    }

    @Test
    void groupsAndDevicesNotAskedForAreNotRead() throws Exception {
        Path copy = copyOf(lake, "groups");
        corrupt(copy, "dt=2025-11-20/hr=10/device_group=cold%2Fchain west");

        assertThat(keys(read(copy, Set.of(PUMPS), Set.of()))).isEqualTo(expected(g -> g.contains("|pumps|")));
        assertThat(keys(read(copy, Set.of(PUMPS), Set.of("pump-1", "edge"))))
                .isEqualTo(expected(g -> g.startsWith("pump-1|") || g.startsWith("edge|")));
    }

    @Test
    void aReplayThatFailsAfterACheckpointResumesWithoutLossOrDuplicates() throws Exception {
        Path out = dir.resolve("resumed");
        FleetConfig cfg = Pipelines.config(Map.of(
                "parse.max-future", "3650 d",
                "flink.restart-strategy.type", "fixed-delay",
                "flink.restart-strategy.fixed-delay.attempts", "2",
                "flink.restart-strategy.fixed-delay.delay", "0 s",
                "flink.parallelism.default", "2"));
        StreamExecutionEnvironment env = Environments.create(cfg);
        DataStream<RawRecord> raw = env.fromSource(source(lake, Set.of(), Set.of()), TelemetryPipeline.watermarks(cfg),
                        "lake", TypeInformation.of(RawRecord.class)).uid("lake")
                .map(FailOnceAfterACheckpoint.reset()).uid("fail-once");
        PipelineStreams streams = TelemetryPipeline.build(raw, cfg);
        LakeOutputs.attach(streams, out.toUri().toString(), cfg);
        env.execute("resumed");

        assertThat(FailOnceAfterACheckpoint.FAILED).as("the replay failed once and recovered").isTrue();
        List<String> rows = LakeReader.read(out, "readings").stream()
                .map(r -> r.get("device_id") + "|" + r.get("device_group") + "|" + r.get("event_time") + "|"
                        + r.get("seq") + "|" + r.get("metric") + "=" + r.get("value"))
                .sorted().collect(Collectors.toList());
        List<String> expected = new ArrayList<>();
        WRITTEN.forEach((k, m) -> {
            long t = Long.parseLong(k.split("\\|")[2]);
            if (t >= FROM && t < TO) {
                m.forEach((metric, v) -> expected.add(k + "|" + metric + "=" + v));
            }
        });
        expected.sort(null);
        assertThat(rows).isEqualTo(expected);
    }

    private static LakeReplaySource source(Path lake, Set<String> groups, Set<String> devices) {
        return LakeReplaySource.builder().lakePath(lake.toUri().toString()).from(Instant.ofEpochMilli(FROM))
                .to(Instant.ofEpochMilli(TO)).deviceGroups(groups).devices(devices).build();
    }

    private static List<RawRecord> read(Path lake, Set<String> groups, Set<String> devices) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        List<RawRecord> got = new ArrayList<>();
        env.fromSource(source(lake, groups, devices), WatermarkStrategy.noWatermarks(), "lake",
                TypeInformation.of(RawRecord.class)).executeAndCollect().forEachRemaining(got::add);
        return got;
    }

    private static List<String> keys(List<RawRecord> records) throws IOException {
        List<String> keys = new ArrayList<>();
        for (RawRecord r : records) {
            keys.add(key(new ObjectMapper().readTree(r.payload)));
        }
        keys.sort(null);
        return keys;
    }

    private static String key(JsonNode json) {
        return json.get("deviceId").asText() + "|" + json.get("deviceGroup").asText() + "|"
                + json.get("timestamp").asLong() + "|" + (json.has("seq") ? json.get("seq").asLong() : null);
    }

    private static List<String> expected(java.util.function.Predicate<String> keep) {
        return WRITTEN.keySet().stream().filter(k -> {
            long t = Long.parseLong(k.split("\\|")[2]);
            return t >= FROM && t < TO && keep.test(k);
        }).sorted().collect(Collectors.toList());
    }

    /** Plants a file that is no Parquet at all in a partition: opening it would fail the replay. */
    private static Path corrupt(Path lake, String partition) throws IOException {
        Path folder = lake.resolve("readings").resolve(partition);
        assertThat(folder).as("the live job wrote %s", partition).isDirectory();
        Path file = folder.resolve("part-planted-corrupt.parquet");
        Files.writeString(file, "this is not a parquet file");
        return file;
    }

    private static Path copyOf(Path lake, String name) throws IOException {
        Path target = dir.resolve(name);
        try (Stream<Path> files = Files.walk(lake)) {
            for (Path p : files.sorted(Comparator.naturalOrder()).collect(Collectors.toList())) {
                Path to = target.resolve(lake.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }
}
