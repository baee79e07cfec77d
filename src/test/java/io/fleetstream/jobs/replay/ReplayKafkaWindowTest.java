package io.fleetstream.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetstream.jobs.commands.ReplayCommand;
import io.fleetstream.lake.LakeReader;
import io.fleetstream.testing.KafkaTestBroker;
import io.fleetstream.testing.Pipelines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay of a Kafka topic (a real broker, its own JVM): it reads only the records whose Kafka timestamps are in
 * the window widened by the margin, and keeps each reading of the event-time window exactly once. The live
 * consumer group's offsets are left alone.
 */
class ReplayKafkaWindowTest {
    private static final long FROM = Instant.parse("2025-11-20T10:00:00Z").toEpochMilli();
    private static final long TO = Instant.parse("2025-11-20T11:00:00Z").toEpochMilli();
    private static final long MARGIN = 5 * 60_000L;
    /** Readings arrive this long after their event time. */
    private static final long DELAY = 20_000L;

    @Test
    void aReplayReadsTheTopicsWindowByTimestampAndKeepsEachReadingInItOnce(@TempDir Path dir) throws Exception {
        List<long[]> produced = new ArrayList<>(); // {device, event time, arrival}
        try (KafkaTestBroker broker = KafkaTestBroker.start()) {
            broker.createTopic("telemetry", 3);
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                for (long arrival = FROM - 3_600_000L; arrival < TO + 3_600_000L; arrival += 15_000L) {
                    for (int d = 0; d < 6; d++) {
                        long event = arrival - DELAY;
                        String json = "{\"deviceId\":\"dev-" + d + "\",\"deviceGroup\":\"g" + d % 2 + "\","
                                + "\"timestamp\":" + event + ",\"data\":{\"v\":" + (event / 1000 + d) + "}}";
                        producer.send(new ProducerRecord<>("telemetry", null, arrival + d,
                                ("dev-" + d).getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8)));
                        produced.add(new long[] {d, event, arrival + d});
                    }
                }
                producer.flush();
            }

            Path lake = dir.resolve("lake");
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            int code = ReplayCommand.run(Pipelines.config(Map.of(
                    "source.type", "kafka",
                    "source.kafka.bootstrap-servers", broker.bootstrapServers(),
                    "source.kafka.topics", "telemetry",
                    "replay.from", Instant.ofEpochMilli(FROM).toString(),
                    "replay.to", Instant.ofEpochMilli(TO).toString(),
                    "replay.margin", "5 min",
                    "replay.run-id", "kafka-window",
                    "lake.path", lake.toUri().toString(),
                    "flink.parallelism.default", "2")), new PrintStream(printed, true, StandardCharsets.UTF_8));
            System.out.println(printed.toString(StandardCharsets.UTF_8));
            assertThat(code).isZero();

            Path run = lake.resolve("replays").resolve("kafka-window");
            List<String> readings = LakeReader.read(run, "readings").stream()
                    .map(r -> r.get("device_id") + "@" + r.get("event_time")).sorted().collect(Collectors.toList());
            List<String> expected = produced.stream().filter(r -> r[1] >= FROM && r[1] < TO)
                    .map(r -> "dev-" + r[0] + "@" + r[1]).sorted().collect(Collectors.toList());
            assertThat(readings).as("every reading of the window, once").isEqualTo(expected);

            JsonNode counts = new ObjectMapper().readTree(run.resolve("_replay.json").toFile()).get("counts");
            long arrivedInRange = produced.stream()
                    .filter(r -> r[2] >= FROM - MARGIN && r[2] < TO + MARGIN).count();
            assertThat(counts.get("records.in").asLong()).as("records read: those that arrived in the window "
                    + "widened by the margin, no others").isEqualTo(arrivedInRange);
            assertThat(counts.get("replay.outside-window").asLong()).isEqualTo(arrivedInRange - expected.size());

            try (Admin admin = broker.admin()) {
                assertThat(admin.listConsumerGroupOffsets("fleetstream").partitionsToOffsetAndMetadata().get())
                        .as("the live job's consumer group").isEmpty();
            }
        }
    }
}
