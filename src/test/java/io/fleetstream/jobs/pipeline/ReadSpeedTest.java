package io.fleetstream.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.jobs.TelemetryJob;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.jobs.sources.Sources;
import io.fleetstream.model.RawRecord;
import io.fleetstream.lake.LakeReader;
import io.fleetstream.testing.Pipelines;
import io.fleetstream.testing.Slowly;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One NDJSON file through the real pipeline three ways: read whole before any periodic watermark (the fastest read
 * there can be), read slowly with periodic watermarks every 10 ms all along (as live), and read at parallelism 2.
 * The alarms, rollups and late readings are the same row for row, and end where a live run would stand: the newest
 * event time less the out-of-orderness.
 */
class ReadSpeedTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    private static final long T0 = 1_763_640_000_000L; // 2025-11-20T12:00:00Z
    private static final long SECOND = 1_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long OUT_OF_ORDERNESS = 30 * SECOND;
    private static final List<String> TABLES = List.of("alarms", "rollups", "late_readings");
    private static final int FILLER = 600;
    private static final String FILLER_LINE = "not a reading";

    private static final String RULES = String.join("\n",
            "version: 1",
            "rules:",
            "  - name: too-warm",
            "    kind: threshold",
            "    groups: [\"*\"]",
            "    description: Too warm",
            "    metric: temp_c",
            "    levels:",
            "      - severity: WARNING",
            "        above: 8",
            "        for: 5m",
            "        clear-below: 6",
            "        clear-for: 2m",
            "  - name: offline",
            "    kind: offline",
            "    groups: [\"*\"]",
            "    description: Stopped reporting",
            "    after: 10m",
            "    severity: MAJOR",
            "");

    @TempDir
    static Path dir;

    static Path file;
    static Path rules;
    /** Every reading in the file, {@code device@time -> temp}, the late ones included. */
    static final Map<String, Double> written = new HashMap<>();
    static final Set<String> late = new TreeSet<>();
    static long newest = Long.MIN_VALUE;

    @BeforeAll
    static void writeInput() throws Exception {
        file = dir.resolve("in").resolve("telemetry.ndjson");
        Files.createDirectories(file.getParent());
        rules = dir.resolve("rules.yaml");
        Files.writeString(rules, RULES, StandardCharsets.UTF_8);
        Random random = new Random(5);
        List<long[]> order = new ArrayList<>(); // {delivery time, index into lines}
        List<String> lines = new ArrayList<>();
        for (long t = T0; t < T0 + 60 * MINUTE; t += 10 * SECOND) {
            add(lines, order, random, "steady", t, 4);
            // Falls silent after 20 min, long before the end: offline at 30 min, in every run.
            if (t < T0 + 20 * MINUTE) {
                add(lines, order, random, "silent", t, 4);
            }
            // Silent for the last 5 min only: its offline deadline lies beyond the end.
            if (t < T0 + 55 * MINUTE) {
                add(lines, order, random, "quiet-at-end", t, 4);
            }
            // Warm from 30 to 40 min: raised at 35, cleared 2 min after it cools.
            add(lines, order, random, "warm", t, t >= T0 + 30 * MINUTE && t < T0 + 40 * MINUTE ? 9 : 4);
            // Warm for the last 3 min: its 5 min "for" would end beyond the end.
            add(lines, order, random, "warm-at-end", t, t >= T0 + 57 * MINUTE ? 9 : 4);
        }
        order.sort(Comparator.comparingLong((long[] o) -> o[0]).thenComparingLong(o -> o[1]));
        StringBuilder out = new StringBuilder();
        for (long[] o : order) {
            out.append(lines.get((int) o[1])).append('\n');
        }
        // Lines no parser accepts (dead letters; they move no watermark), read slowly by the restored run so its
        // checkpoint falls after every reading above and before the late ones below.
        for (int i = 0; i < FILLER; i++) {
            out.append(FILLER_LINE).append('\n');
        }
        // An hour behind everything else: past the allowed lateness however fast the file is read.
        for (long t : new long[] {T0 + 5 * SECOND, T0 + 15 * SECOND}) {
            out.append(json("steady", t, 5)).append('\n');
            written.put("steady@" + t, 5.0);
            late.add("steady@" + t);
        }
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    /** A reading delivered up to 20 s after its time, inside the out-of-orderness. */
    private static void add(List<String> lines, List<long[]> order, Random random, String device, long t,
            double temp) {
        order.add(new long[] {t + random.nextInt(20_000), lines.size()});
        lines.add(json(device, t, temp));
        written.put(device + "@" + t, temp);
        newest = Math.max(newest, t);
    }

    private static String json(String device, long t, double temp) {
        return "{\"deviceId\":\"" + device + "\",\"deviceGroup\":\"pumps\",\"timestamp\":" + t
                + ",\"data\":{\"temp_c\":" + temp + "}}";
    }

    static Path fastLake;
    static Path slowLake;
    static Path parallelLake;
    static Path restoredLake;

    /** Runs once, on the first test: the cluster extension installs its environment before each test. */
    @BeforeEach
    void runTheJobsOnce() throws Exception {
        if (restoredLake != null) {
            return;
        }
        fastLake = runFileJob("fast", "1", "1 h");
        slowLake = runSlowly("slow", false);
        parallelLake = runFileJob("parallel", "2", "10 ms");
        restoredLake = runSlowly("restored", true);
    }

    @Test
    void slowAndFastReadsAndTwoParallelReadersGiveTheSameAlarmsRollupsAndLateReadings() throws Exception {
        Map<String, List<String>> fast = tables(fastLake);
        Map<String, List<String>> slow = tables(slowLake);
        Map<String, List<String>> parallel = tables(parallelLake);
        for (String table : TABLES) {
            assertThat(fast.get(table)).as(table).isNotEmpty();
            assertThat(slow.get(table)).as(table + ", read slowly").isEqualTo(fast.get(table));
            assertThat(parallel.get(table)).as(table + ", at parallelism 2").isEqualTo(fast.get(table));
        }
    }

    @Test
    void aJobRestoredWithoutItsWatermarkStillTakesTheLateReadingsForLate() throws Exception {
        assertThat(FailBeforeLateReadings.FAILED).as("the job failed once and recovered").isTrue();
        Map<String, List<String>> fast = tables(fastLake);
        Map<String, List<String>> restored = tables(restoredLake);
        for (String table : TABLES) {
            assertThat(restored.get(table)).as(table + ", failed and restored").isEqualTo(fast.get(table));
        }
        // readings exactly once: the lake's sink commits on checkpoints, the source resumes from the restored one
        assertThat(LakeReader.read(restoredLake, "readings")).hasSameSizeAs(LakeReader.read(fastLake, "readings"));
    }

    @Test
    void theSilentDeviceIsOfflineAndNothingFiresPastTheNewestTimeLessTheOutOfOrderness() throws Exception {
        Path lake = fastLake;
        List<String> alarms = LakeReader.read(lake, "alarms").stream()
                .map(a -> a.get("device_id") + " " + a.get("rule") + " " + a.get("state") + " "
                        + ((Long) a.get("event_time") - T0) / SECOND)
                .sorted().collect(Collectors.toList());
        assertThat(alarms).containsExactly(
                "silent offline RAISED " + (20 * MINUTE - 10 * SECOND + 10 * MINUTE) / SECOND,
                "warm too-warm CLEARED " + 42 * MINUTE / SECOND,
                "warm too-warm RAISED " + 35 * MINUTE / SECOND);

        assertThat(LakeReader.read(lake, "late_readings"))
                .extracting(r -> r.get("device_id") + "@" + r.get("event_time")).containsOnlyElementsOf(late)
                .hasSize(late.size());

        long watermark = newest - OUT_OF_ORDERNESS - 1;
        Set<String> expected = new TreeSet<>();
        written.forEach((reading, temp) -> {
            if (!late.contains(reading)) {
                String device = reading.substring(0, reading.indexOf('@'));
                long t = Long.parseLong(reading.substring(reading.indexOf('@') + 1));
                windows(expected, device, "1m", t, MINUTE, watermark);
                windows(expected, device, "5m/1m", t, 5 * MINUTE, watermark);
            }
        });
        Set<String> actual = LakeReader.read(lake, "rollups").stream()
                .map(r -> r.get("device_id") + "|" + r.get("window_spec") + "|" + r.get("window_start"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(actual).as("the windows whose last millisecond the final watermark reached")
                .isEqualTo(expected);
    }

    /** Windows of one-minute slide holding {@code t} that a watermark at {@code watermark} fired. */
    private static void windows(Set<String> into, String device, String spec, long t, long size, long watermark) {
        for (long start = Math.floorDiv(t, MINUTE) * MINUTE; start > t - size; start -= MINUTE) {
            if (start + size - 1 <= watermark) {
                into.add(device + "|" + spec + "|" + start);
            }
        }
    }

    private static FleetConfig config(Path lake, String parallelism, String watermarkInterval) {
        return config(lake, parallelism, watermarkInterval, Map.of());
    }

    private static FleetConfig config(Path lake, String parallelism, String watermarkInterval,
            Map<String, String> more) {
        Map<String, String> options = new HashMap<>(Map.of(
                "source.type", "file",
                "source.file.path", file.getParent().toUri().toString(),
                "lake.path", lake.toUri().toString(),
                "rules.path", rules.toString(),
                "parse.max-future", "3650 d",
                "flink.parallelism.default", parallelism,
                "flink.pipeline.auto-watermark-interval", watermarkInterval));
        options.putAll(more);
        return Pipelines.config(options);
    }

    /** The live job on the file; with a watermark interval of an hour no periodic watermark comes before the end. */
    private static Path runFileJob(String name, String parallelism, String watermarkInterval) throws Exception {
        Path lake = dir.resolve(name);
        FleetConfig cfg = config(lake, parallelism, watermarkInterval);
        StreamExecutionEnvironment env = Environments.create(cfg);
        TelemetryJob.define(env, cfg);
        env.execute(name);
        return lake;
    }

    /**
     * The same file, a millisecond a record, so periodic watermarks follow the read as they follow live data; with
     * {@code failOnce}, the job fails at the first late reading once a checkpoint taken among the filler lines has
     * completed, and restarts from that checkpoint: the watermarks start from nothing again there (Flink does not
     * checkpoint them) and only the late readings are left to read, so only what the operators kept in state can
     * tell that they are late.
     */
    private static Path runSlowly(String name, boolean failOnce) throws Exception {
        Path lake = dir.resolve(name);
        Map<String, String> restarts = failOnce ? Map.of("flink.restart-strategy.type", "fixed-delay",
                "flink.restart-strategy.fixed-delay.attempts", "2", "flink.restart-strategy.fixed-delay.delay", "0 s")
                : Map.of();
        FleetConfig cfg = config(lake, "1", "10 ms", restarts);
        StreamExecutionEnvironment env = Environments.create(cfg);
        DataStream<RawRecord> raw = Sources.create(env, cfg).map(new Slowly())
                .returns(TypeInformation.of(RawRecord.class)).name("slowly");
        if (failOnce) {
            FailBeforeLateReadings.FAILED.set(false);
            raw = raw.map(new FailBeforeLateReadings()).uid("fail-once").name("fail once");
        }
        PipelineStreams streams = TelemetryPipeline.build(raw, cfg);
        LakeOutputs.attach(streams, lake.toUri().toString(), cfg);
        env.execute(name);
        return lake;
    }

    private static Map<String, List<String>> tables(Path lake) throws Exception {
        Map<String, List<String>> out = new HashMap<>();
        for (String table : TABLES) {
            out.put(table, LakeReader.read(lake, table).stream().map(Map::toString).sorted()
                    .collect(Collectors.toList()));
        }
        return out;
    }

    /** Fails the first attempt at the first late reading, once a checkpoint taken among the filler has completed. */
    static final class FailBeforeLateReadings extends RichMapFunction<RawRecord, RawRecord>
            implements CheckpointedFunction, CheckpointListener {
        private static final long serialVersionUID = 1L;
        static final AtomicBoolean FAILED = new AtomicBoolean();

        private transient boolean inFiller;
        private transient long fillerCheckpoint;
        private transient volatile boolean restorePointReady;

        @Override
        public RawRecord map(RawRecord r) throws InterruptedException {
            if (getRuntimeContext().getTaskInfo().getAttemptNumber() > 0 || FAILED.get()) {
                return r;
            }
            String payload = new String(r.payload, StandardCharsets.UTF_8);
            if (payload.equals(FILLER_LINE)) {
                inFiller = true;
                Thread.sleep(2);
            } else if (inFiller && restorePointReady && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("planned failure before the late readings");
            }
            return r;
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) {
            if (inFiller && fillerCheckpoint == 0) {
                fillerCheckpoint = context.getCheckpointId();
            }
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {}

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (fillerCheckpoint != 0 && checkpointId >= fillerCheckpoint) {
                restorePointReady = true;
            }
        }
    }

}
