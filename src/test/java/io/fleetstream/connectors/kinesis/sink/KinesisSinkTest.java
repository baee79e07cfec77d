package io.fleetstream.connectors.kinesis.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.connectors.kinesis.KinesisClients;
import io.fleetstream.connectors.kinesis.sink.internal.KinesisWriteException;
import io.fleetstream.model.RawRecord;
import io.fleetstream.testing.FailOnceAfterACheckpoint;
import io.fleetstream.testing.KinesisMock;
import io.fleetstream.testing.KinesisMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.model.Record;

/** The sink in MiniCluster jobs against kinesis-mock, read back with GetRecords. */
class KinesisSinkTest {
    @RegisterExtension
    static final KinesisMock KINESIS = new KinesisMock();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyRecordWrittenAcrossCheckpointsAndARestoreReachesAMultiShardStream() throws Exception {
        String arn = KINESIS.server().createStream("ksink-many", 4);
        int n = 4_000;
        StreamExecutionEnvironment env = environment(3);
        env.enableCheckpointing(100);
        env.fromSequence(0, n - 1)
                .map(i -> new RawRecord(("record-" + i).getBytes(StandardCharsets.UTF_8), "sequence", i))
                .returns(TypeInformation.of(RawRecord.class))
                .map(FailOnceAfterACheckpoint.reset())
                .map(r -> new String(r.payload, StandardCharsets.UTF_8)).returns(Types.STRING)
                .sinkTo(KinesisSink.<String>builder().streamArn(arn).clientProperties(clientProperties())
                        .serializationSchema(new SimpleStringSchema()).partitionKey(KinesisSinkTest::device)
                        .maxBatchDelay(Duration.ofMillis(50)).build());
        env.execute("kinesis-sink-many");

        assertThat(FailOnceAfterACheckpoint.FAILED).as("the job restored from a checkpoint").isTrue();
        List<Record> records = KINESIS.server().readAll(arn);
        Set<String> data = new HashSet<>();
        for (Record r : records) {
            String value = r.data().asUtf8String();
            assertThat(r.partitionKey()).isEqualTo(device(value));
            data.add(value);
        }
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < n; i++) {
            expected.add("record-" + i);
        }
        // At-least-once: records sent after the restored checkpoint may be there twice, none may be missing.
        assertThat(data).isEqualTo(expected);
        assertThat(records).hasSizeGreaterThanOrEqualTo(n);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aRecordTooLargeForKinesisIsLeftOutAndTheOthersArrive() throws Exception {
        String arn = KINESIS.server().createStream("ksink-large", 1);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            values.add("record-" + i);
        }
        List<String> expected = new ArrayList<>(values);
        values.add(10, "record-" + "x".repeat(KinesisSink.MAX_RECORD_BYTES));
        StreamExecutionEnvironment env = environment(0);
        env.fromData(values).sinkTo(KinesisSink.<String>builder().streamArn(arn).clientProperties(clientProperties())
                .serializationSchema(new SimpleStringSchema()).partitionKey(KinesisSinkTest::device).build());
        env.execute("kinesis-sink-large");

        List<String> back = new ArrayList<>();
        for (Record r : KINESIS.server().readAll(arn)) {
            back.add(r.data().asString(StandardCharsets.UTF_8));
        }
        assertThat(back).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aStreamThatDoesNotExistFailsTheJobNamingTheStreamAndTheCause() {
        String arn = "arn:aws:kinesis:" + KinesisMockServer.REGION + ":" + KinesisMockServer.ACCOUNT
                + ":stream/ksink-missing";
        StreamExecutionEnvironment env = environment(0);
        env.fromData("record-1", "record-2").sinkTo(KinesisSink.<String>builder().streamArn(arn)
                .clientProperties(clientProperties()).serializationSchema(new SimpleStringSchema())
                .partitionKey(KinesisSinkTest::device).build());

        assertThatThrownBy(() -> env.execute("kinesis-sink-missing")).satisfies(e ->
                assertThat(ExceptionUtils.findThrowable(e, KinesisWriteException.class)).get(
                        org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
                        .hasMessageContaining(arn).hasMessageContaining("ResourceNotFoundException")
                        .hasMessageContaining("does not exist"));
    }

    private static String device(String value) {
        return "device-" + Math.floorMod(value.hashCode(), 50);
    }

    private static StreamExecutionEnvironment environment(int restarts) {
        Configuration conf = new Configuration();
        if (restarts > 0) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, restarts);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        } else {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        }
        try {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    Files.createTempDirectory("checkpoints").toUri().toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        return env;
    }

    private static Properties clientProperties() {
        KinesisMockServer server = KINESIS.server();
        Properties p = new Properties();
        p.setProperty(KinesisClients.REGION, KinesisMockServer.REGION);
        p.setProperty(KinesisClients.ENDPOINT, server.endpoint());
        p.setProperty(KinesisClients.CREDENTIALS, "BASIC");
        p.setProperty(KinesisClients.ACCESS_KEY_ID, KinesisMockServer.ACCESS_KEY);
        p.setProperty(KinesisClients.SECRET_KEY, KinesisMockServer.SECRET_KEY);
        p.setProperty(KinesisClients.HTTP_PROTOCOL, "HTTP1_1");
        return p;
    }
}
