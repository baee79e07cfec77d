package io.fleetstream.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.jobs.config.Command;
import io.fleetstream.jobs.config.ConfigException;
import io.fleetstream.jobs.config.ConfigLoader;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.PipelineOptions;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.jobs.sources.Sources;
import io.fleetstream.testing.DynamoDbLocal;
import io.fleetstream.testing.DynamoDbLocalServer;
import io.fleetstream.testing.Pipelines;
import io.fleetstream.testing.TestInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The current-state table as the telemetry pipeline writes it, and the options that turn it on. */
class StateTableOutputsTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final DynamoDbLocal DYNAMO = new DynamoDbLocal();

    static DynamoDbLocalServer dynamo;

    @TempDir
    static Path dir;

    @BeforeAll
    static void server() {
        dynamo = DYNAMO.server();
    }

    @Test
    void thePipelineLeavesEveryDeviceAtAReadingTheFinalWatermarkCoversInTheTable() throws Exception {
        dynamo.createDeviceStateTable("fleet-state");
        Path file = dir.resolve("in").resolve("telemetry.ndjson");
        Files.createDirectories(file.getParent());
        TestInput input = TestInput.write(file, 12, 20, 5_000L, 3L);
        FleetConfig cfg = Pipelines.config(withDynamo(Map.of(
                "source.type", "file",
                "source.file.path", file.getParent().toUri().toString(),
                "parse.max-future", "3650 d",
                "flink.parallelism.default", "2",
                "state.dynamodb.table", "fleet-state",
                "state.dynamodb.endpoint", dynamo.endpoint())));
        StreamExecutionEnvironment env = Environments.create(cfg);
        StateTableOutputs.attach(TelemetryPipeline.build(Sources.create(env, cfg), cfg), cfg);
        env.execute("state-table");

        Map<String, TestInput.Row> newest = input.newestByDevice();
        Map<String, Long> atLeast = input.surelyInFinalState(
                input.finalWatermark(PipelineOptions.OUT_OF_ORDERNESS.defaultValue().toMillis()));
        Map<String, Map<String, AttributeValue>> items = dynamo.items("fleet-state");
        assertThat(items).hasSameSizeAs(newest);
        newest.forEach((device, n) -> {
            Map<String, AttributeValue> item = items.get(device);
            long lastSeen = Long.parseLong(item.get("lastSeen").n());
            assertThat(lastSeen).as(device).isBetween(atLeast.get(device), n.time);
            TestInput.Row r = input.reading(device, lastSeen);
            assertThat(item.get("deviceGroup").s()).as(device).isEqualTo(r.group);
            Map<String, AttributeValue> metrics = item.get("metrics").m();
            assertThat(Double.parseDouble(metrics.get("temp_c").n())).as(device).isEqualTo(r.temp);
            assertThat(Double.parseDouble(metrics.get("door_open").n())).as(device).isEqualTo(r.door);
            // The current-state operator emits at the end of an emit interval (state.emit-interval, 10 s).
            assertThat(Long.parseLong(item.get("snapshotTime").n()) % 10_000).as(device).isZero();
        });
    }

    @Test
    void enabledWithoutATableFailsAtStartNamingTheKey() {
        assertThatThrownBy(() -> check(Command.TELEMETRY, Map.of("state.dynamodb.enabled", "true")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("state.dynamodb.table is required when state.dynamodb.enabled is true: the name of an "
                        + "existing DynamoDB table with partition key deviceId (a string)");
        assertThatThrownBy(() -> check(Command.TELEMETRY, Map.of("state.dynamodb.enabled", "true",
                "state.dynamodb.table", " ")))
                .hasMessageStartingWith("state.dynamodb.table is required when state.dynamodb.enabled is true (it is "
                        + "empty):");
        check(Command.REPLAY, Map.of("state.dynamodb.enabled", "true", "source.type", "lake",
                "replay.from", "2025-11-20", "replay.to", "2025-11-21"));
        assertThatThrownBy(() -> check(Command.REPLAY, Map.of("state.dynamodb.enabled", "true",
                "replay.write-state-table", "true", "source.type", "lake",
                "replay.from", "2025-11-20", "replay.to", "2025-11-21")))
                .hasMessageStartingWith("state.dynamodb.table is required when state.dynamodb.enabled is true and "
                        + "replay.write-state-table is true:");
    }

    @Test
    void aBadTableNameOrEndpointFailsAtStartNamingTheKey() {
        assertThatThrownBy(() -> attach(Map.of("state.dynamodb.enabled", "true", "state.dynamodb.table", "a b")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("invalid value 'a b' for option 'state.dynamodb.table': expected a DynamoDB table name");
        assertThatThrownBy(() -> attach(Map.of("state.dynamodb.enabled", "true", "state.dynamodb.table", "devices",
                "state.dynamodb.endpoint", "localhost:8000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("option 'state.dynamodb.endpoint': expected an http:// or https:// URL");
    }

    @Test
    void aSecretKeyWithoutItsAccessKeyFailsAtStartWithoutPrintingIt() {
        assertThatThrownBy(() -> check(Command.TELEMETRY, Map.of("state.dynamodb.enabled", "true",
                "state.dynamodb.table", "devices", "state.dynamodb.secret-key", "s3cr3t-value")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("state.dynamodb.access-key and state.dynamodb.secret-key go together: only "
                        + "state.dynamodb.secret-key is set; set both (static keys, for tests and DynamoDB Local) or "
                        + "neither (the default credentials chain)")
                .message().doesNotContain("s3cr3t-value");
    }

    @Test
    void disabledAddsNoSink() {
        StreamExecutionEnvironment env = attach(Map.of("state.dynamodb.table", "devices"));
        assertThat(env.getTransformations()).noneMatch(t -> StateTableOutputs.UID.equals(t.getUid()));
        StreamExecutionEnvironment enabled = attach(Map.of("state.dynamodb.enabled", "true",
                "state.dynamodb.table", "devices"));
        assertThat(enabled.getTransformations()).anyMatch(t -> StateTableOutputs.UID.equals(t.getUid()));
    }

    private static void check(Command command, Map<String, String> options) {
        Map<String, String> m = new LinkedHashMap<>(Map.of("lake.path", "/lake"));
        m.putAll(options);
        ConfigLoader.fromMap(command, m);
    }

    private static StreamExecutionEnvironment attach(Map<String, String> options) {
        FleetConfig cfg = Pipelines.config(options);
        StreamExecutionEnvironment env = Environments.create(cfg);
        StateTableOutputs.attach(TelemetryPipeline.build(Sources.create(env, cfg), cfg), cfg);
        return env;
    }

    private static Map<String, String> withDynamo(Map<String, String> options) {
        Map<String, String> m = new LinkedHashMap<>(options);
        m.put("state.dynamodb.enabled", "true");
        m.put("state.dynamodb.access-key", DynamoDbLocalServer.ACCESS_KEY);
        m.put("state.dynamodb.secret-key", DynamoDbLocalServer.SECRET_KEY);
        m.put("state.dynamodb.batch.max-delay", "50 ms");
        return m;
    }
}
