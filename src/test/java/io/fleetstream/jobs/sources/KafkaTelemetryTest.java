package io.fleetstream.jobs.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.jobs.TelemetryJob;
import io.fleetstream.jobs.commands.SimulateCommand;
import io.fleetstream.jobs.config.ConfigLoader;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.testing.KafkaTestBroker;
import io.fleetstream.testing.LakeAssertions;
import io.fleetstream.lake.LakeReader;
import io.fleetstream.testing.Pipelines;
import io.fleetstream.testing.TestInput;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Kafka broker (KRaft, own JVM) in front of the telemetry job: messages in, lake out. */
class KafkaTelemetryTest {
    private static final Pattern DEVICE = Pattern.compile("\"deviceId\":\"([^\"]+)\"");

    static KafkaTestBroker broker;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaTestBroker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everyKafkaMessageEndsUpInTheLakeOnceAndRollupsMatchAndDeadLettersReachATopicOnce() throws Exception {
        broker.createTopic("telemetry", 3);
        broker.createTopic("fleet-dead-letters", 2);
        Path file = dir.resolve("input.ndjson");
        TestInput input = TestInput.write(file, 12, 20, 5_000L, 11L);
        produce("telemetry", Files.readAllLines(file, StandardCharsets.UTF_8));

        Path lake = dir.resolve("lake");
        Map<String, String> options = new java.util.HashMap<>(Map.of(
                "source.type", "kafka",
                "source.kafka.bootstrap-servers", broker.bootstrapServers(),
                "source.kafka.topics", "telemetry",
                "source.kafka.starting-offsets", "earliest",
                "source.kafka.stopping-offsets", "latest",
                "lake.path", lake.toUri().toString(),
                "parse.max-future", "3650 d",
                "flink.parallelism.default", "2"));
        options.put("deadletters.stream.type", "kafka");
        FleetConfig cfg = Pipelines.config(options);
        StreamExecutionEnvironment env = Environments.create(cfg);
        TelemetryJob.define(env, cfg);
        env.execute("kafka-test");

        LakeAssertions.readingsExactlyOnce(lake, input.valid);

        // Partitions are read interleaved, so whether the planted late reading still made its windows depends on
        // how far the other partitions had got: it is in exactly one of late_readings and the rollups.
        boolean late = !LakeReader.read(lake, "late_readings").isEmpty();
        List<TestInput.Row> counted = new ArrayList<>(input.valid);
        if (late) {
            counted.remove(input.veryLate);
        }
        LakeAssertions.rollupsMatch(lake, counted, input.finalWatermark(
                io.fleetstream.jobs.config.PipelineOptions.OUT_OF_ORDERNESS.defaultValue().toMillis()),
                key -> key.contains("|1m|") || !LakeAssertions.windowContains(key, input.veryLate.time));

        List<Map<String, Object>> dead = LakeAssertions.deadLetters(lake, input);
        assertThat(dead)
                .allSatisfy(d -> assertThat((String) d.get("source")).matches("kafka:telemetry/[0-2]@\\d+"));

        // The same dead letters on the topic, each once (committed), keyed by device id or else source position.
        List<String> published = new ArrayList<>();
        for (org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> r
                : broker.readCommitted("fleet-dead-letters")) {
            com.fasterxml.jackson.databind.JsonNode json =
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.value());
            String key = new String(r.key(), StandardCharsets.UTF_8);
            assertThat(key).isEqualTo(json.get("device_id").isNull() ? json.get("source").asText()
                    : json.get("device_id").asText());
            published.add(json.get("reason").asText() + " " + json.get("source").asText() + " "
                    + json.get("device_id").asText());
        }
        assertThat(published).doesNotHaveDuplicates();
        assertThat(published).extracting(p -> p.substring(0, p.indexOf(' ')))
                .containsExactlyInAnyOrderElementsOf(input.deadLetterReasons);
        assertThat(published).extracting(p -> p.split(" ")[1])
                .containsExactlyInAnyOrderElementsOf(dead.stream().map(d -> (String) d.get("source"))
                        .collect(java.util.stream.Collectors.toList()));
        // The parser names the device when it got that far (TestInput's dev-2 records), else there is none.
        assertThat(published).filteredOn(p -> p.endsWith(" dev-2")).extracting(p -> p.substring(0, p.indexOf(' ')))
                .containsExactlyInAnyOrder("BAD_TIMESTAMP", "NO_USABLE_METRIC");
    }

    @Test
    void simulateCommandWritesTheFleetToATopicKeyedByDevice() throws Exception {
        broker.createTopic("simulated", 2);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        FleetConfig cfg = ConfigLoader.fromMap(Map.of(
                "simulate.to", "kafka",
                "simulate.path", dir.resolve("sim").toString(),
                "source.kafka.bootstrap-servers", broker.bootstrapServers(),
                "source.kafka.topics", "simulated",
                "simulator.devices", "20",
                "simulator.duration", "10 min",
                "simulator.start", "2025-11-20T10:00:00Z"));
        assertThat(SimulateCommand.run(cfg, new PrintStream(printed, true, StandardCharsets.UTF_8))).isZero();

        long expected = Long.parseLong(printed.toString(StandardCharsets.UTF_8)
                .replaceAll("(?s).*wrote ([\\d,]+) records.*", "$1").replace(",", ""));
        assertThat(expected).isGreaterThan(20 * 30); // 20 devices x 60 rounds, some of them in bundles of 6
        assertThat(countMessages("simulated")).isEqualTo(expected);
        assertThat(dir.resolve("sim").resolve("ground-truth.csv")).exists();
    }

    @Test
    void alarmCommandsFromAControlTopicApplyInEventTimeOrderAndAlarmsReachATopicExactlyOnce() throws Exception {
        broker.createTopic("reefer-telemetry", 1);
        broker.createTopic("alarm-control", 1);
        broker.createTopic("fleet-alarms", 2);
        long t0 = java.time.Instant.parse("2025-11-20T10:00:00Z").toEpochMilli();
        List<String> readings = new ArrayList<>();
        for (int i = 0; i < 180; i++) {
            // 9 degrees against a setpoint of 4 for 30 min; values jitter so no stuck-sensor rule fires.
            readings.add(String.format(java.util.Locale.ROOT, "{\"deviceId\":\"reefer-0001\",\"deviceGroup\":"
                    + "\"reefers-west\",\"timestamp\":%d,\"data\":{\"temp_c\":%.2f,\"setpoint_c\":4,"
                    + "\"door_open\":false,\"fuel_pct\":%.2f}}", t0 + i * 10_000L, 9 + (i % 7) * 0.01,
                    80 - i * 0.01));
        }
        produce("reefer-telemetry", readings);
        // Sent before any reading is processed, applied when the data reaches minute 8.
        produce("alarm-control", List.of(
                "{\"command\":\"SHELVE\",\"deviceId\":\"reefer-0001\",\"rule\":\"reefer-temperature-high\","
                        + "\"timestamp\":" + (t0 + 8 * 60_000L) + ",\"shelveFor\":\"1h\",\"user\":\"alice\"}",
                "{\"command\":\"SNOOZE\",\"deviceId\":\"reefer-0001\",\"timestamp\":" + t0 + "}"));

        Path lake = dir.resolve("control-lake");
        Map<String, String> options = new java.util.HashMap<>(Map.of(
                "source.type", "kafka",
                "source.kafka.bootstrap-servers", broker.bootstrapServers(),
                "source.kafka.topics", "reefer-telemetry",
                "source.kafka.starting-offsets", "earliest",
                "source.kafka.stopping-offsets", "latest",
                "alarms.control.type", "kafka",
                "alarms.control.kafka.topic", "alarm-control",
                "lake.path", lake.toUri().toString(),
                "parse.max-future", "3650 d"));
        options.put("alarms.stream.type", "kafka");
        FleetConfig cfg = Pipelines.config(options);
        StreamExecutionEnvironment env = Environments.create(cfg);
        TelemetryJob.define(env, cfg);
        env.execute("alarm-control-test");

        List<String> alarms = new ArrayList<>();
        LakeReader.read(lake, "alarms").stream()
                .sorted(java.util.Comparator.comparing(a -> (Long) a.get("event_time")))
                .forEach(a -> alarms.add(a.get("state") + " " + a.get("rule") + " +"
                        + ((Long) a.get("event_time") - t0) / 60_000 + "m"));
        assertThat(alarms).containsExactly("RAISED reefer-temperature-high +5m", "SHELVED reefer-temperature-high +8m",
                "RAISED reefer-setpoint-deviation +10m");
        // The exactly-once sink: a read_committed consumer sees every alarm event once, keyed by device.
        List<String> published = new ArrayList<>();
        for (org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> r : broker.readCommitted("fleet-alarms")) {
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("reefer-0001");
            String json = new String(r.value(), StandardCharsets.UTF_8);
            published.add(json.replaceAll(".*\"state\":\"([A-Z]+)\".*", "$1") + " "
                    + json.replaceAll(".*\"rule\":\"([^\"]+)\".*", "$1"));
        }
        assertThat(published).containsExactlyInAnyOrderElementsOf(alarms.stream()
                .map(a -> a.substring(0, a.lastIndexOf(' '))).collect(java.util.stream.Collectors.toList()));
        assertThat(LakeReader.read(lake, "dead_letters")).singleElement().satisfies(d -> {
            assertThat(d.get("reason")).isEqualTo("INVALID_COMMAND");
            assertThat((String) d.get("detail")).contains("SNOOZE");
            assertThat((String) d.get("source")).startsWith("kafka:alarm-control/0@");
        });
    }

    private static void produce(String topic, List<String> lines) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                Matcher m = DEVICE.matcher(line);
                byte[] key = m.find() ? m.group(1).getBytes(StandardCharsets.UTF_8) : null;
                producer.send(new ProducerRecord<>(topic, key, line.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private static long countMessages(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(topic).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
            return c.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
