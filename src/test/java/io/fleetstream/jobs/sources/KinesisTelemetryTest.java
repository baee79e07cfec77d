package io.fleetstream.jobs.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.jobs.TelemetryJob;
import io.fleetstream.jobs.commands.SimulateCommand;
import io.fleetstream.jobs.config.ConfigLoader;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.jobs.simulator.FleetSimulator;
import io.fleetstream.jobs.simulator.SimulatorSpec;
import io.fleetstream.model.RawRecord;
import io.fleetstream.operators.parse.ParseFunction;
import io.fleetstream.lake.LakeReader;
import io.fleetstream.testing.KinesisMock;
import io.fleetstream.testing.KinesisMockServer;
import io.fleetstream.testing.Pipelines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;

/** kinesis-mock (the Kinesis Data Streams API, own process) in front of the telemetry job: records in, lake out. */
class KinesisTelemetryTest {
    @RegisterExtension
    static final KinesisMock KINESIS = new KinesisMock();

    static KinesisMockServer kinesis;

    @TempDir
    static Path dir;

    @BeforeAll
    static void server() {
        kinesis = KINESIS.server();
    }

    @Test
    void everyValidRecordOfEveryShardEndsUpInTheLakeOnceAndDeadLettersNameTheirShardAndSequenceNumber()
            throws Exception {
        String arn = kinesis.createStream("telemetry", 2);
        FleetSimulator sim = new FleetSimulator(SimulatorSpec.builder().start(Instant.parse("2025-11-20T10:15:30.250Z"))
                .devices(16).rounds(45).malformedRate(0.03).duplicateRate(0.05).outOfOrderRate(0.05).build());
        List<Map.Entry<String, byte[]>> records = new ArrayList<>();
        for (long round = 0; round < sim.rounds(); round++) {
            for (int d = 0; d < sim.devices(); d++) {
                String device = sim.deviceId(d);
                sim.payloads(round, d, p -> records.add(new SimpleEntry<>(device, p)));
            }
        }
        Map<String, byte[]> byPosition = positions("telemetry", records, kinesis.put(arn, records));

        Path lake = dir.resolve("lake");
        Map<String, String> options = sourceOptions(arn);
        options.put("lake.path", lake.toUri().toString());
        // accumulators reach the job client with heartbeats
        options.put("flink.heartbeat.interval", "500");
        FleetConfig cfg = Pipelines.config(options);
        StreamExecutionEnvironment env = Environments.create(cfg);
        TelemetryJob.define(env, cfg);
        JobClient job = env.executeAsync("kinesis-test");
        awaitRecordsParsed(job, records.size());
        // The source never ends: draining stops it with a final watermark and a savepoint that commits the lake.
        job.stopWithSavepoint(true, dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                .get(2, TimeUnit.MINUTES);

        List<String> expected = new ArrayList<>();
        sim.forEachReading(r -> {
            if (r.valid()) {
                r.metrics().forEach((metric, value) -> expected.add(r.deviceId() + "|" + r.timestamp() + "|" + metric
                        + "|" + value + "|" + r.seq() + "|" + r.deviceGroup()));
            }
        });
        List<String> actual = LakeReader.read(lake, "readings").stream()
                .map(r -> r.get("device_id") + "|" + r.get("event_time") + "|" + r.get("metric") + "|"
                        + r.get("value") + "|" + r.get("seq") + "|" + r.get("device_group"))
                .collect(Collectors.toList());
        expected.sort(null);
        actual.sort(null);
        assertThat(actual).hasSize(expected.size()).isEqualTo(expected);

        List<Map<String, Object>> dead = LakeReader.read(lake, "dead_letters");
        assertThat(dead).isNotEmpty().allSatisfy(d -> {
            String source = (String) d.get("source");
            assertThat(source).matches("kinesis:telemetry/shardId-00000000000[01]@\\d+");
            assertThat(byPosition).containsKey(source);
            assertThat(d.get("raw")).isEqualTo(new String(byPosition.get(source), StandardCharsets.UTF_8));
        });
        assertThat(dead).extracting(d -> d.get("source")).doesNotHaveDuplicates();
    }

    @Test
    void trimHorizonReadsEveryRecordAndAtTimestampSkipsThoseThatArrivedBeforeIt() throws Exception {
        String arn = kinesis.createStream("positions", 2);
        List<Map.Entry<String, byte[]>> early = payloads("early", 10);
        List<Map.Entry<String, byte[]>> late = payloads("late", 10);
        Map<String, byte[]> byPosition = new HashMap<>(positions("positions", early, kinesis.put(arn, early)));
        Thread.sleep(1500); // arrival times of the two halves are then at least a second apart
        byPosition.putAll(positions("positions", late, kinesis.put(arn, late)));

        Map<String, Long> arrival = new HashMap<>();
        for (Record r : kinesis.readAll(arn)) {
            arrival.put(r.sequenceNumber(), r.approximateArrivalTimestamp().toEpochMilli());
        }
        long lastEarly = arrivals(arrival, byPosition, "early").stream().mapToLong(Long::longValue).max().orElseThrow();
        long firstLate = arrivals(arrival, byPosition, "late").stream().mapToLong(Long::longValue).min().orElseThrow();
        assertThat(firstLate).as("arrival times of the two halves").isGreaterThan(lastEarly);

        List<RawRecord> all = read(arn, Map.of("source.kinesis.starting-position", "trim-horizon"), 20);
        assertThat(all).extracting(r -> text(r.payload)).containsExactlyInAnyOrderElementsOf(texts(early, late));
        assertThat(all).allSatisfy(r -> {
            assertThat(text(byPosition.get(r.source))).isEqualTo(text(r.payload));
            assertThat(r.ingestTime).isEqualTo(arrival.get(r.source.substring(r.source.indexOf('@') + 1)));
        });

        Instant between = Instant.ofEpochMilli(lastEarly + (firstLate - lastEarly) / 2);
        List<RawRecord> after = read(arn, Map.of("source.kinesis.starting-position", "at-timestamp",
                "source.kinesis.starting-timestamp", between.toString()), 10);
        assertThat(after).extracting(r -> text(r.payload)).containsExactlyInAnyOrderElementsOf(texts(late));
    }

    @Test
    void simulateCommandWritesTheFleetToAStreamKeyedByDevice() throws Exception {
        String arn = kinesis.createStream("simulated", 2);
        Map<String, String> options = new HashMap<>(kinesis.options());
        options.putAll(Map.of(
                "simulate.to", "kinesis",
                "simulate.path", dir.resolve("sim").toString(),
                "source.kinesis.stream-arn", arn,
                "simulator.devices", "20",
                "simulator.duration", "10 min",
                "simulator.start", "2025-11-20T10:00:00Z"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        assertThat(SimulateCommand.run(ConfigLoader.fromMap(options),
                new PrintStream(printed, true, StandardCharsets.UTF_8))).isZero();

        long written = Long.parseLong(printed.toString(StandardCharsets.UTF_8)
                .replaceAll("(?s).*wrote ([\\d,]+) records to Kinesis stream simulated.*", "$1").replace(",", ""));
        List<Record> records = kinesis.readAll(arn);
        assertThat(records).hasSize((int) written);
        assertThat(written).isGreaterThan(20 * 30); // 20 devices x 60 rounds, some of them in bundles of 6
        FleetSimulator sim = Simulators.create(ConfigLoader.fromMap(options));
        assertThat(records).extracting(Record::partitionKey)
                .containsOnly(IntStream.range(0, 20).mapToObj(sim::deviceId).toArray(String[]::new));
        assertThat(records).filteredOn(r -> text(r.data().asByteArray()).contains("\"deviceId\""))
                .allSatisfy(r -> assertThat(text(r.data().asByteArray())).contains(
                        "\"deviceId\":\"" + r.partitionKey() + "\""));
        assertThat(dir.resolve("sim").resolve("ground-truth.csv")).exists();
    }

    /** Reads {@code n} records with the job's own source (Sources, source.type kinesis), then cancels the job. */
    private static List<RawRecord> read(String arn, Map<String, String> start, int n) throws Exception {
        Map<String, String> options = sourceOptions(arn);
        options.putAll(start);
        FleetConfig cfg = Pipelines.config(options);
        StreamExecutionEnvironment env = Environments.create(cfg);
        List<RawRecord> out = new ArrayList<>();
        try (CloseableIterator<RawRecord> it = Sources.create(env, cfg).executeAndCollect("kinesis-positions")) {
            while (out.size() < n && it.hasNext()) {
                out.add(it.next());
            }
        }

        return out;
    }

    /** The job's Kinesis source on the test server, two readers for the two shards. */
    private static Map<String, String> sourceOptions(String arn) {
        Map<String, String> options = new HashMap<>(kinesis.options());
        options.put("source.type", "kinesis");
        options.put("source.kinesis.stream-arn", arn);
        // The connector assigns the first shards at the first discovery after every reader has registered.
        options.put("source.kinesis.shard-discovery-interval", "1 s");
        options.put("flink.parallelism.default", "2");
        return options;
    }

    private static void awaitRecordsParsed(JobClient job, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        long parsed = 0;
        while (System.nanoTime() < deadline) {
            Object n = job.getAccumulators().get(30, TimeUnit.SECONDS).get(ParseFunction.RECORDS_IN);
            parsed = n == null ? 0 : ((Number) n).longValue();
            if (parsed >= expected) {
                assertThat(parsed).isEqualTo(expected);
                return;
            }
            Thread.sleep(200);
        }
        job.cancel().get(1, TimeUnit.MINUTES);
        throw new AssertionError("the job parsed " + parsed + " of " + expected + " records in 3 minutes");
    }

    /** Position as the source writes it ({@code kinesis:<stream>/<shard>@<sequence number>}) to payload. */
    private static Map<String, byte[]> positions(String stream, List<Map.Entry<String, byte[]>> records,
            List<PutRecordsResultEntry> results) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            PutRecordsResultEntry e = results.get(i);
            m.put("kinesis:" + stream + "/" + e.shardId() + "@" + e.sequenceNumber(), records.get(i).getValue());
        }
        return m;
    }

    private static List<Long> arrivals(Map<String, Long> arrival, Map<String, byte[]> byPosition, String prefix) {
        return byPosition.entrySet().stream().filter(e -> text(e.getValue()).contains("\"" + prefix + "-"))
                .map(e -> arrival.get(e.getKey().substring(e.getKey().indexOf('@') + 1)))
                .collect(Collectors.toList());
    }

    private static List<Map.Entry<String, byte[]>> payloads(String prefix, int n) {
        List<Map.Entry<String, byte[]>> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String device = prefix + "-" + i;
            list.add(new SimpleEntry<>(device, ("{\"deviceId\":\"" + device + "\",\"timestamp\":1763633730250,"
                    + "\"data\":{\"temp_c\":" + i + "}}").getBytes(StandardCharsets.UTF_8)));
        }
        return list;
    }

    @SafeVarargs
    private static List<String> texts(List<Map.Entry<String, byte[]>>... lists) {
        List<String> all = new ArrayList<>();
        for (List<Map.Entry<String, byte[]>> l : lists) {
            l.forEach(e -> all.add(text(e.getValue())));
        }
        return all;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
