package io.fleetstream.sinks.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.testing.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alarm events with year-old event times (a replay, a backlog) through the exactly-once Kafka sink, stopped with a
 * savepoint part-way and restored: a read_committed consumer sees each once, and they are still there after the
 * broker's time retention had its passes (here every half second instead of every 5 minutes).
 */
class AlarmTopicAcrossARestoreTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final long FIRST_EVENT = Instant.parse("2025-11-20T06:00:00Z").toEpochMilli();

    static KafkaTestBroker kafka;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = KafkaTestBroker.start(Map.of("log.retention.check.interval.ms", "500",
                "log.initial.task.delay.ms", "0"));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void eachAlarmEventIsOnTheTopicOnceAfterAStopWithSavepointAndARestore() throws Exception {
        kafka.createTopic("alarm-input", 2);
        kafka.createTopic("alarms", 2);
        long startedAt = System.currentTimeMillis();

        produce(0, 60);
        JobClient first = start(null);
        awaitCommitted(1);
        produce(60, 80);
        // Some of these are in the savepoint's transaction, committed when the savepoint completes.
        String savepoint = first.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get(2, TimeUnit.MINUTES);

        produce(80, 120);
        JobClient second = start(savepoint);
        awaitCommitted(120);
        second.stopWithSavepoint(true, dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                .get(2, TimeUnit.MINUTES);
        // Several retention passes of the broker after the last commit.
        Thread.sleep(2_000);

        List<ConsumerRecord<byte[], byte[]>> records = kafka.readCommitted("alarms");
        List<String> ids = records.stream().map(r -> field(new String(r.value(), StandardCharsets.UTF_8)))
                .sorted().collect(Collectors.toList());
        List<String> expected = IntStream.range(0, 120).mapToObj(AlarmTopicAcrossARestoreTest::alarmId).sorted()
                .collect(Collectors.toList());
        assertThat(ids).as("alarm ids a read_committed consumer sees").isEqualTo(expected);
        assertThat(records).as("Kafka timestamps are publish times, not the year-old event times")
                .allSatisfy(r -> assertThat(r.timestamp()).isGreaterThanOrEqualTo(startedAt));
        assertThat(earliestOffsets("alarms")).as("nothing removed by time retention").containsOnly(0L);
    }

    private static JobClient start(String savepoint) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        if (savepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(200);
        KafkaSource<String> input = KafkaSource.<String>builder().setBootstrapServers(kafka.bootstrapServers())
                .setTopics("alarm-input").setGroupId("alarm-restore-test")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setValueOnlyDeserializer(new SimpleStringSchema()).build();
        env.fromSource(input, WatermarkStrategy.<String>noWatermarks()
                        .withTimestampAssigner((n, ts) -> eventTime(Integer.parseInt(n))), "alarm input")
                .uid("alarm-input")
                .map(new ToAlarm()).uid("to-alarm")
                .sinkTo(KafkaStreamSinks.alarms(new KafkaStreamSinks.Target(kafka.bootstrapServers(), "alarms",
                        new Properties(), "alarm-restore-test", Duration.ofMinutes(5))))
                .uid("alarms-kafka");
        return env.executeAsync("alarm topic across a restore");
    }

    private static void produce(int from, int to) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>("alarm-input", Integer.toString(i), Integer.toString(i))).get();
            }
        }
    }

    private static void awaitCommitted(int atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        int seen;
        while ((seen = kafka.readCommitted("alarms").size()) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(seen + " committed alarm events, expected at least " + atLeast);
            }
            Thread.sleep(200);
        }
    }

    private static List<Long> earliestOffsets(String topic) throws Exception {
        List<Long> out = new ArrayList<>();
        try (Admin admin = kafka.admin()) {
            for (int p = 0; p < 2; p++) {
                TopicPartition tp = new TopicPartition(topic, p);
                out.add(admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).all().get(30, TimeUnit.SECONDS)
                        .get(tp).offset());
            }
        }
        return out;
    }

    private static long eventTime(int n) {
        return FIRST_EVENT + n * 60_000L;
    }

    private static String alarmId(int n) {
        return "alarm-" + n;
    }

    private static String field(String json) {
        return json.replaceAll(".*\"alarm_id\":\"([^\"]*)\".*", "$1");
    }

    /** Input n as a RAISED alarm of one of five devices, at its year-old event time. */
    static final class ToAlarm implements MapFunction<String, AlarmEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public AlarmEvent map(String value) {
            int n = Integer.parseInt(value);
            AlarmEvent a = new AlarmEvent();
            a.alarmId = alarmId(n);
            a.deviceId = "device-" + (n % 5);
            a.deviceGroup = "group";
            a.rule = "rule";
            a.kind = "threshold";
            a.severity = "WARNING";
            a.state = "RAISED";
            a.eventTime = eventTime(n);
            a.raisedAt = a.eventTime;
            a.values = "";
            a.message = "alarm " + n;
            return a;
        }
    }
}
