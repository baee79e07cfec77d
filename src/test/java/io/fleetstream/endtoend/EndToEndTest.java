package io.fleetstream.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fleetstream.jobs.TelemetryJob;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.PipelineOptions;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.jobs.simulator.FleetSimulator;
import io.fleetstream.jobs.simulator.SimulatedReading;
import io.fleetstream.jobs.simulator.SimulatorSpec;
import io.fleetstream.operators.parse.ParseFunction;
import io.fleetstream.operators.time.EventTimeScanner;
import io.fleetstream.lake.LakeReader;
import io.fleetstream.testing.DynamoDbLocalServer;
import io.fleetstream.testing.KafkaTestBroker;
import io.fleetstream.testing.KinesisMock;
import io.fleetstream.testing.KinesisMockServer;
import io.fleetstream.testing.Pipelines;
import io.fleetstream.testing.QuestDbTestServer;
import io.fleetstream.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The whole stack on real local servers: simulator -> Kinesis (kinesis-mock) -> telemetry job -> lake and
 * checkpoints on S3 (s3proxy) -> QuestDB (line protocol) -> DynamoDB Local (current state) -> alarms to Kafka
 * (exactly-once). The job is stopped part-way with a savepoint on S3, restored from it, and run to the end; then
 * every output is checked against the simulated input.
 */
class EndToEndTest {
    @RegisterExtension
    static final KinesisMock KINESIS = new KinesisMock();

    private static final String BUCKET = "fleet";
    private static final String STATE_TABLE = "device-state";
    private static final long OUT_OF_ORDERNESS = 120_000L;

    static KafkaTestBroker kafka;
    static S3ProxyServer s3;
    static QuestDbTestServer questdb;
    static DynamoDbLocalServer dynamo;

    @BeforeAll
    static void startServers() throws Exception {
        // Time retention checked every second, not every 5 minutes: events stamped with their (simulated, old)
        // event time would be deleted by it, which this test would otherwise catch only by chance.
        kafka = KafkaTestBroker.start(Map.of("log.retention.check.interval.ms", "1000",
                "log.initial.task.delay.ms", "0"));
        s3 = S3ProxyServer.start(BUCKET);
        questdb = QuestDbTestServer.start();
        dynamo = DynamoDbLocalServer.start();
    }

    @AfterAll
    static void stopServers() throws Exception {
        for (AutoCloseable server : new AutoCloseable[] {dynamo, questdb, s3, kafka}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void everyOutputHoldsTheSimulatedResultsAfterAStopAndARestoreFromS3() throws Exception {
        KinesisMockServer kinesis = KINESIS.server();
        String arn = kinesis.createStream("fleet-telemetry", 2);
        kafka.createTopic("fleet-alarms", 2);
        questdb.createRollupsTable("rollups");
        dynamo.createDeviceStateTable(STATE_TABLE);
        FleetSimulator sim = new FleetSimulator(SimulatorSpec.builder()
                .start(Instant.parse("2025-11-20T06:00:00Z").toEpochMilli()).devices(16).rounds(720)
                .faultRate(0.5).build());

        // First half in, run, stop after a checkpoint; second half in, restore, run to the end.
        long firstHalf = put(kinesis, arn, sim, 0, sim.rounds() / 2);
        Map<String, String> options = options(kinesis, arn);
        JobClient first = start(options);
        awaitParsed(first, firstHalf);
        awaitCheckpoint(first, 1);
        // Stopped with a savepoint on S3, restored from it below.
        String savepoint = first.stopWithSavepoint(false, "s3://" + BUCKET + "/savepoints",
                SavepointFormatType.CANONICAL).get(3, TimeUnit.MINUTES);

        long secondHalf = put(kinesis, arn, sim, sim.rounds() / 2, sim.rounds());
        options.put("flink.execution.savepoint.path", savepoint);
        JobClient second = start(options);
        awaitParsed(second, secondHalf);
        awaitQuiet(second);
        System.out.printf("first half %d, second half %d, read after the restore %d%n", firstHalf, secondHalf,
                parsed(second));
        assertThat(parsed(second)).as("the restored job went on from the savepoint's positions, not the start")
                .isLessThan(firstHalf + secondHalf);
        second.stopWithSavepoint(true, "s3://" + BUCKET + "/savepoints", SavepointFormatType.CANONICAL)
                .get(3, TimeUnit.MINUTES);

        Path lake = s3.bucketDir(BUCKET).resolve("lake");
        List<SimulatedReading> valid = new ArrayList<>();
        sim.forEachReading(r -> {
            if (r.valid()) {
                valid.add(r);
            }
        });
        readingsExactlyOnce(lake, valid);
        // The stop drained the job: its watermark ended where the live job stood, not at the end of time.
        long watermark = newestRecordTime(sim) - OUT_OF_ORDERNESS - 1;
        Map<String, Map<String, Object>> rollups = latestTumblingRollups(lake);
        rollupsMatch(rollups, valid, watermark);
        timeSeriesHoldsTheLatestRollups(lake);
        stateTableHoldsANewestReadingTheWatermarkCovered(valid, watermark);
        alarmTopicHoldsEachAlarmEventOnce(lake);
    }

    private static Map<String, String> options(KinesisMockServer kinesis, String arn) {
        Map<String, String> m = new HashMap<>(kinesis.options());
        m.putAll(s3.flinkOptions());
        m.put("source.type", "kinesis");
        m.put("source.kinesis.stream-arn", arn);
        m.put("source.kinesis.shard-discovery-interval", "1 s");
        m.put("lake.path", "s3://" + BUCKET + "/lake");
        m.put("checkpoint.dir", "s3://" + BUCKET + "/checkpoints");
        m.put("checkpoint.interval", "1 s");
        m.put("flink.heartbeat.interval", "500");
        m.put("flink.parallelism.default", "2");
        // Above the simulator's delivery lag, so no reading is late and the results do not depend on timing.
        m.put("watermark.out-of-orderness", OUT_OF_ORDERNESS + " ms");
        m.put("parse.max-future", "3650 d");
        m.put("timeseries.enabled", "true");
        m.put("timeseries.endpoint", questdb.httpEndpoint());
        m.put("timeseries.org", "fleet");
        m.put("timeseries.bucket", "telemetry");
        m.put("timeseries.token", "unused-by-questdb");
        m.put("state.dynamodb.enabled", "true");
        m.put("state.dynamodb.table", STATE_TABLE);
        m.put("state.dynamodb.region", DynamoDbLocalServer.REGION);
        m.put("state.dynamodb.endpoint", dynamo.endpoint());
        m.put("state.dynamodb.access-key", DynamoDbLocalServer.ACCESS_KEY);
        m.put("state.dynamodb.secret-key", DynamoDbLocalServer.SECRET_KEY);
        m.put("alarms.stream.type", "kafka");
        m.put("streams.kafka.bootstrap-servers", kafka.bootstrapServers());
        return m;
    }

    private static JobClient start(Map<String, String> options) throws Exception {
        FleetConfig cfg = Pipelines.config(options);
        StreamExecutionEnvironment env = Environments.create(cfg);
        TelemetryJob.define(env, cfg);
        return env.executeAsync("end-to-end");
    }

    /** Puts the payloads the simulator delivers in rounds [from, to), keyed by device; returns how many. */
    private static long put(KinesisMockServer kinesis, String arn, FleetSimulator sim, long from, long to)
            throws Exception {
        List<Map.Entry<String, byte[]>> records = new ArrayList<>();
        for (long round = from; round < to; round++) {
            for (int d = 0; d < sim.devices(); d++) {
                String device = sim.deviceId(d);
                sim.payloads(round, d, p -> records.add(new SimpleEntry<>(device, p)));
            }
        }
        kinesis.put(arn, records);
        return records.size();
    }

    private static void awaitParsed(JobClient job, long atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (parsed(job) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("parsed " + parsed(job) + " of at least " + atLeast + " records");
            }
            Thread.sleep(200);
        }
    }

    /** Until the source has read nothing new for a while: it is at the tip of every shard. */
    private static void awaitQuiet(JobClient job) throws Exception {
        long last = -1;
        long now = parsed(job);
        while (now != last) {
            Thread.sleep(3_000);
            last = now;
            now = parsed(job);
        }
    }

    private static long parsed(JobClient job) throws Exception {
        Object n = job.getAccumulators().get(30, TimeUnit.SECONDS).get(ParseFunction.RECORDS_IN);
        return n == null ? 0 : ((Number) n).longValue();
    }

    /** Waits for a completed checkpoint of the job on S3 (its _metadata) with at least the id, returns its folder. */
    private static Path awaitCheckpoint(JobClient job, long atLeast) throws Exception {
        Path dir = s3.bucketDir(BUCKET).resolve("checkpoints").resolve(job.getJobID().toString());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    List<Path> done = s.filter(p -> p.getFileName().toString().startsWith("chk-"))
                            .filter(p -> Files.exists(p.resolve("_metadata")) && checkpointId(p) >= atLeast)
                            .sorted(Comparator.comparingLong(EndToEndTest::checkpointId))
                            .collect(Collectors.toList());
                    if (!done.isEmpty()) {
                        return done.get(done.size() - 1);
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no completed checkpoint under " + dir);
    }

    private static long checkpointId(Path chk) {
        return Long.parseLong(chk.getFileName().toString().substring("chk-".length()));
    }

    private static void readingsExactlyOnce(Path lake, List<SimulatedReading> valid) throws Exception {
        List<String> expected = new ArrayList<>();
        for (SimulatedReading r : valid) {
            r.metrics().forEach((m, v) -> expected.add(r.deviceId() + "|" + r.timestamp() + "|" + m + "|" + v));
        }
        List<String> actual = LakeReader.read(lake, "readings").stream()
                .map(r -> r.get("device_id") + "|" + r.get("event_time") + "|" + r.get("metric") + "|" + r.get("value"))
                .collect(Collectors.toList());
        expected.sort(null);
        actual.sort(null);
        assertThat(actual).as("lake readings: every valid reading once").hasSize(expected.size()).isEqualTo(expected);
    }

    /** Latest revision of each 1-minute rollup, keyed device|metric|window_start. */
    private static Map<String, Map<String, Object>> latestTumblingRollups(Path lake) throws Exception {
        Map<String, Map<String, Object>> latest = new HashMap<>();
        for (Map<String, Object> r : LakeReader.read(lake, "rollups")) {
            if ("1m".equals(r.get("window_spec"))) {
                latest.merge(r.get("device_id") + "|" + r.get("metric") + "|" + r.get("window_start"), r,
                        (a, b) -> (Integer) a.get("revision") >= (Integer) b.get("revision") ? a : b);
            }
        }
        return latest;
    }

    /** The newest time the sources' watermark generators saw: each payload's earliest timestamp, as they scan it. */
    private static long newestRecordTime(FleetSimulator sim) {
        long[] newest = {Long.MIN_VALUE};
        for (long round = 0; round < sim.rounds(); round++) {
            for (int d = 0; d < sim.devices(); d++) {
                sim.payloads(round, d, p -> newest[0] = Math.max(newest[0], EventTimeScanner.scan(p)));
            }
        }
        return newest[0];
    }

    /** An independent count, sum, min and max per device, metric and minute, for the minutes the watermark closed. */
    private static void rollupsMatch(Map<String, Map<String, Object>> rollups, List<SimulatedReading> valid,
            long watermark) {
        Map<String, double[]> expected = new HashMap<>();
        for (SimulatedReading r : valid) {
            long start = Math.floorDiv(r.timestamp(), 60_000L) * 60_000L;
            if (start + 60_000L - 1 > watermark) {
                continue;
            }
            r.metrics().forEach((m, v) -> {
                double[] e = expected.computeIfAbsent(r.deviceId() + "|" + m + "|" + start,
                        k -> new double[] {0, 0, Double.MAX_VALUE, -Double.MAX_VALUE});
                e[0]++;
                e[1] += v;
                e[2] = Math.min(e[2], v);
                e[3] = Math.max(e[3], v);
            });
        }
        assertThat(rollups.keySet()).as("1-minute windows").containsExactlyInAnyOrderElementsOf(expected.keySet());
        rollups.forEach((key, r) -> {
            double[] e = expected.get(key);
            assertThat((Long) r.get("count")).as(key).isEqualTo((long) e[0]);
            assertThat((Double) r.get("sum")).as(key).isCloseTo(e[1], within(1e-6));
            assertThat((Double) r.get("min")).as(key).isEqualTo(e[2]);
            assertThat((Double) r.get("max")).as(key).isEqualTo(e[3]);
        });
    }

    /** QuestDB holds one row per rollup window (a rewrite overwrote), with the lake's latest values. */
    private static void timeSeriesHoldsTheLatestRollups(Path lake) throws Exception {
        Map<String, Map<String, Object>> latest = new HashMap<>();
        for (Map<String, Object> r : LakeReader.read(lake, "rollups")) {
            latest.merge(r.get("device_id") + "|" + r.get("metric") + "|" + r.get("window_spec") + "|"
                            + r.get("window_start"), r,
                    (a, b) -> (Integer) a.get("revision") >= (Integer) b.get("revision") ? a : b);
        }
        List<Map<String, Object>> rows = questdb.awaitRows("SELECT device_id, metric, window_spec, "
                        + "timestamp, \"count\" FROM rollups", r -> r.size() >= latest.size(), Duration.ofSeconds(60));
        Map<String, Long> counts = new HashMap<>();
        for (Map<String, Object> r : rows) {
            long start = ((java.sql.Timestamp) r.get("timestamp")).getTime();
            String key = r.get("device_id") + "|" + r.get("metric") + "|" + r.get("window_spec") + "|" + start;
            assertThat(counts.put(key, ((Number) r.get("count")).longValue())).as("one row per window: " + key)
                    .isNull();
        }
        Map<String, Long> expected = latest.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> (Long) e.getValue().get("count")));
        assertThat(counts).isEqualTo(expected);
    }

    /**
     * Each device's item holds one of its readings, no older than the newest whose emit the final watermark reached
     * (no reading is behind the watermark, so each one's emit is due at the end of its emit interval), and no newer
     * than its newest: the conditional writes never moved it backwards.
     */
    private static void stateTableHoldsANewestReadingTheWatermarkCovered(List<SimulatedReading> valid,
            long watermark) {
        long interval = PipelineOptions.STATE_EMIT_INTERVAL.defaultValue().toMillis();
        Map<String, Long> newest = new HashMap<>();
        Map<String, Long> covered = new HashMap<>();
        Map<String, SimulatedReading> byTime = new HashMap<>();
        for (SimulatedReading r : valid) {
            newest.merge(r.deviceId(), r.timestamp(), Math::max);
            if (Math.floorDiv(r.timestamp(), interval) * interval + interval <= watermark) {
                covered.merge(r.deviceId(), r.timestamp(), Math::max);
            }
            byTime.put(r.deviceId() + "@" + r.timestamp(), r);
        }
        Map<String, Map<String, AttributeValue>> items = dynamo.items(STATE_TABLE);
        assertThat(items.keySet()).containsExactlyInAnyOrderElementsOf(newest.keySet());
        newest.forEach((device, t) -> {
            Map<String, AttributeValue> item = items.get(device);
            long lastSeen = Long.parseLong(item.get("lastSeen").n());
            assertThat(lastSeen).as(device).isBetween(covered.get(device), t);
            Map<String, AttributeValue> metrics = item.get("metrics").m();
            byTime.get(device + "@" + lastSeen).metrics().forEach((m, v) ->
                    assertThat(Double.parseDouble(metrics.get(m).n())).as(device + " " + m).isEqualTo(v));
        });
    }

    /** A read_committed consumer sees exactly the lake's alarm events, each once, across the stop and restore. */
    private static void alarmTopicHoldsEachAlarmEventOnce(Path lake) throws Exception {
        List<String> fromLake = LakeReader.read(lake, "alarms").stream()
                .map(a -> a.get("alarm_id") + "|" + a.get("state") + "|" + a.get("event_time"))
                .sorted().collect(Collectors.toList());
        List<String> fromKafka = kafka.readCommitted("fleet-alarms").stream()
                .map(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8))
                .map(json -> field(json, "alarm_id") + "|" + field(json, "state") + "|" + number(json, "event_time"))
                .sorted().collect(Collectors.toList());
        System.out.printf("alarm events: %d in the lake, %d on the topic%n", fromLake.size(), fromKafka.size());
        assertThat(fromLake).as("the simulated faults raised alarms").isNotEmpty().doesNotHaveDuplicates();
        assertThat(fromKafka).as("alarm events on the topic: the lake's, each once").isEqualTo(fromLake);
    }

    private static String field(String json, String name) {
        return json.replaceAll(".*\"" + name + "\":\"([^\"]*)\".*", "$1");
    }

    private static String number(String json, String name) {
        return json.replaceAll(".*\"" + name + "\":(-?\\d+).*", "$1");
    }
}
