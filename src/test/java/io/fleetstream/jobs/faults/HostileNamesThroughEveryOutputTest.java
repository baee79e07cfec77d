package io.fleetstream.jobs.faults;

import static io.fleetstream.testing.HostileStrings.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetstream.jobs.TelemetryJob;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.lake.LakeReader;
import io.fleetstream.testing.DynamoDbLocal;
import io.fleetstream.testing.DynamoDbLocalServer;
import io.fleetstream.testing.HostileStrings;
import io.fleetstream.testing.KafkaTestBroker;
import io.fleetstream.testing.KinesisMock;
import io.fleetstream.testing.LakeAssertions;
import io.fleetstream.testing.Pipelines;
import io.fleetstream.testing.QuestDbTestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every hostile string ({@link HostileStrings}: the naughty strings, the line-protocol corpus, ours) as a device id,
 * a device group and a metric name, through the live job into every output: the lake (Parquet values and Hive
 * partition paths), the time-series store (line-protocol tags, into QuestDB), the current-state table (DynamoDB keys
 * and attribute names), the alarm stream on Kinesis and the dead-letter stream on Kafka (keys and JSON). Each name
 * is either kept exactly, read back equal from every output, or its record is one dead letter with the reason and
 * the record as it came; the job does not fail, and nothing lands outside a table's partition folders.
 */
class HostileNamesThroughEveryOutputTest {
    private static final String TABLE = "hostile-state";
    private static final long T0 = 1_763_629_200_000L; // 2025-11-20T09:00:00Z
    private static final String RULES = String.join("\n", "version: 1", "rules:", "  - name: hot",
            "    kind: threshold", "    groups: [\"*\"]", "    metric: temp_c", "    above: 100", "");

    @RegisterExtension
    static final DynamoDbLocal DYNAMO = new DynamoDbLocal();

    @RegisterExtension
    static final KinesisMock KINESIS = new KinesisMock();

    @TempDir
    Path dir;

    @Test
    void everyHostileNameIsKeptExactlyInEveryOutputOrItsRecordIsOneDeadLetter() throws Exception {
        List<String> hostile = HostileStrings.all();
        Path input = dir.resolve("in").resolve("hostile.ndjson");
        Files.createDirectories(input.getParent());
        List<String> lines = new ArrayList<>();
        Set<String> deadLines = new TreeSet<>();
        Set<String> devices = new TreeSet<>();
        Set<String> groups = new TreeSet<>(Set.of("g-hostile", "g-clock"));
        Set<String> metrics = new TreeSet<>(Set.of("temp_c"));
        for (int i = 0; i < hostile.size(); i++) {
            String s = hostile.get(i);
            boolean kept = HostileStrings.acceptable(s);
            boolean keptAsGroup = kept && HostileStrings.acceptableGroup(s);
            for (int k = 0; k < 3; k++) {
                long t = T0 + k * 10_000L;
                String asId = record(json(s), json("g-hostile"), t, "\"temp_c\":150");
                // no alarm for these: an alarms table folder per hostile group would only add open Parquet writers
                String asGroup = record(json("dev-g-" + i), json(s), t, "\"temp_c\":1");
                String asMetric = record(json("dev-m-" + i), json("g-hostile"), t, json(s) + ":1.5,\"temp_c\":1");
                lines.addAll(List.of(asId, asGroup, asMetric));
                if (!kept) {
                    deadLines.addAll(List.of(asId, asMetric));
                }
                if (!keptAsGroup) {
                    deadLines.add(asGroup);
                }
            }
            if (kept) {
                devices.addAll(List.of(s, "dev-m-" + i));
                metrics.add(s);
            }
            if (keptAsGroup) {
                devices.add("dev-g-" + i);
                groups.add(s);
            }
        }
        // a device that goes on for an hour: the watermark passes every window and deadline of the others
        for (int m = 0; m <= 60; m += 5) {
            lines.add(record(json("clock"), json("g-clock"), T0 + m * 60_000L, "\"temp_c\":1"));
        }
        devices.add("clock");
        Files.write(input, lines, StandardCharsets.US_ASCII);
        Path rules = Files.writeString(dir.resolve("rules.yaml"), RULES);
        Path lake = dir.resolve("lake");

        Map<String, Map<String, AttributeValue>> items;
        List<String> alarmEvents;
        List<String> deadLetterEvents;
        List<Map<String, Object>> stored;
        DynamoDbLocalServer dynamo = DYNAMO.server();
        dynamo.createDeviceStateTable(TABLE);
        try (QuestDbTestServer questdb = QuestDbTestServer.start(); KafkaTestBroker kafka = KafkaTestBroker.start()) {
            questdb.createRollupsTable("rollups");
            String alarmsArn = KINESIS.server().createStream("hostile-alarms", 2);
            kafka.createTopic("hostile-dead-letters", 2);
            Map<String, String> o = new HashMap<>();
            o.put("source.type", "file");
            o.put("source.file.path", input.getParent().toUri().toString());
            o.put("lake.path", lake.toUri().toString());
            o.put("parse.max-future", "3650 d");
            // some 4,000 devices of three readings each: forests would only weigh on the heap, scores add no name
            o.put("anomaly.enabled", "false");
            o.put("rules.path", rules.toString());
            o.put("flink.parallelism.default", "2");
            o.put("timeseries.enabled", "true");
            o.put("timeseries.endpoint", questdb.httpEndpoint());
            o.put("timeseries.bucket", "telemetry");
            o.put("timeseries.batch.max-delay", "100 ms");
            o.putAll(dynamo.jobOptions(TABLE));
            // alarms on Kinesis, whose partition keys (the device ids) are at most 256 Unicode characters
            o.putAll(KINESIS.server().options());
            o.put("alarms.stream.type", "kinesis");
            o.put("alarms.stream.kinesis.stream-arn", alarmsArn);
            o.put("deadletters.stream.type", "kafka");
            o.put("deadletters.stream.kafka.topic", "hostile-dead-letters");
            o.put("streams.kafka.bootstrap-servers", kafka.bootstrapServers());
            FleetConfig cfg = Pipelines.config(o);
            StreamExecutionEnvironment env = Environments.create(cfg);
            TelemetryJob.define(env, cfg);
            env.execute("hostile-names");

            alarmEvents = KINESIS.server().readAll(alarmsArn).stream()
                    .map(r -> r.partitionKey() + "\n" + r.data().asUtf8String()).collect(Collectors.toList());
            deadLetterEvents = kafka.readCommitted("hostile-dead-letters").stream()
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8)).collect(Collectors.toList());
            int rollups = LakeReader.read(lake, "rollups").size();
            stored = questdb.awaitRows("SELECT device_id, device_group, metric, window_spec, timestamp FROM rollups",
                    rows -> rows.size() >= rollups, Duration.ofSeconds(60));
            items = dynamo.items(TABLE);
        }

        // the lake: names exactly, group partitions unescaped back to the group, dead letters as they came
        List<Map<String, Object>> readings = LakeReader.read(lake, "readings");
        assertThat(column(readings, "device_id")).as("device ids in the lake").isEqualTo(devices);
        assertThat(column(readings, "device_group")).as("groups in the lake").isEqualTo(groups);
        assertThat(column(readings, "metric")).as("metrics in the lake").isEqualTo(metrics);
        List<Map<String, Object>> dead = LakeReader.read(lake, "dead_letters");
        LakeAssertions.sameRows(new ArrayList<>(deadLines), dead.stream().map(r -> (String) r.get("raw"))
                .collect(Collectors.toList()), "dead letters' records");
        assertThat(dead).allSatisfy(r -> assertThat(r.get("reason")).isEqualTo("INVALID_FIELD"));
        assertThat(deadLines).as("names refused").hasSizeGreaterThan(30);
        assertOnlyPartitionFolders(lake);

        // the time-series store: every rollup's tags as the lake has them
        List<String> lakeRollups = LakeReader.read(lake, "rollups").stream().map(r -> r.get("device_id") + " | "
                + r.get("device_group") + " | " + r.get("metric") + " | " + r.get("window_spec") + " | "
                + r.get("window_start")).distinct().collect(Collectors.toList());
        List<String> storeRollups = stored.stream().map(r -> r.get("device_id") + " | " + r.get("device_group")
                + " | " + r.get("metric") + " | " + r.get("window_spec") + " | "
                + ((java.sql.Timestamp) r.get("timestamp")).getTime()).collect(Collectors.toList());
        LakeAssertions.sameRows(lakeRollups, storeRollups, "rollups in the time-series store");
        assertThat(column(LakeReader.read(lake, "rollups"), "metric")).isEqualTo(metrics);

        // DynamoDB: one item per device under its exact id, its metrics under their exact names
        assertThat(new TreeSet<>(items.keySet())).as("current-state items").isEqualTo(devices);
        Set<String> itemMetrics = new TreeSet<>();
        items.values().forEach(item -> itemMetrics.addAll(item.get("metrics").m().keySet()));
        assertThat(itemMetrics).as("metric names in the current-state items").isEqualTo(metrics);

        // Kinesis and Kafka: keys and JSON that read back to the lake's alarms and dead letters
        ObjectMapper mapper = new ObjectMapper();
        List<String> lakeAlarms = LakeReader.read(lake, "alarms").stream()
                .map(r -> r.get("device_id") + " " + r.get("state")).collect(Collectors.toList());
        List<String> streamAlarms = new ArrayList<>();
        for (String e : alarmEvents) {
            String key = e.substring(0, e.indexOf('\n'));
            JsonNode event = mapper.readTree(e.substring(e.indexOf('\n') + 1));
            assertThat(key).as("an alarm's key is its device").isEqualTo(event.get("device_id").asText());
            streamAlarms.add(event.get("device_id").asText() + " " + event.get("state").asText());
        }
        assertThat(lakeAlarms).as("alarms raised for hostile devices").hasSizeGreaterThan(900);
        LakeAssertions.sameRows(lakeAlarms, streamAlarms, "alarm events on Kinesis");
        List<String> streamDead = new ArrayList<>();
        for (String e : deadLetterEvents) {
            streamDead.add(mapper.readTree(e).get("raw").asText());
        }
        LakeAssertions.sameRows(new ArrayList<>(deadLines), streamDead, "dead letters on Kafka");
    }

    private static String record(String deviceId, String group, long time, String data) {
        return "{\"deviceId\":" + deviceId + ",\"deviceGroup\":" + group + ",\"timestamp\":" + time + ",\"data\":{"
                + data + "}}";
    }



    private static Set<String> column(List<Map<String, Object>> rows, String column) {
        return rows.stream().map(r -> (String) r.get(column)).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every file is {@code <table>/dt=.../hr=.../device_group=<one folder>/<file>}: no name made a folder of its own. */
    private static void assertOnlyPartitionFolders(Path lake) throws Exception {
        Pattern layout = Pattern.compile("[a-z_]+/dt=\\d{4}-\\d{2}-\\d{2}/hr=\\d{2}/device_group=[^/]+/[^/]+");
        try (Stream<Path> files = Files.walk(lake)) {
            List<String> outside = files.filter(Files::isRegularFile)
                    .map(f -> lake.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> !layout.matcher(f).matches() || !LakeAssertions.ALL_TABLES.contains(f.split("/")[0]))
                    .collect(Collectors.toList());
            assertThat(outside).as("files outside a table's partition folders").isEmpty();
        }
    }
}
