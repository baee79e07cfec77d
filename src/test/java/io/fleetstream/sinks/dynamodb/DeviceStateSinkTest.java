package io.fleetstream.sinks.dynamodb;

import static io.fleetstream.sinks.dynamodb.Snapshots.assertItemHolds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.model.DeviceState;
import io.fleetstream.sinks.dynamodb.internal.DeviceStateWriter;
import io.fleetstream.testing.DynamoDbLocal;
import io.fleetstream.testing.DynamoDbLocalServer;
import io.fleetstream.testing.FaultProxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The sink against DynamoDB Local (in this JVM, on 127.0.0.1), in local Flink jobs. */
class DeviceStateSinkTest {
    static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final DynamoDbLocal DYNAMO = new DynamoDbLocal();

    static DynamoDbLocalServer dynamo;

    @BeforeAll
    static void server() {
        dynamo = DYNAMO.server();
    }

    @Test
    void itemsLandWithEveryAttribute() throws Exception {
        dynamo.createDeviceStateTable("every-attribute");
        DeviceState odd = Snapshots.snapshot(7, 0);
        // Values DynamoDB cannot hold are left out; the rest of the state still lands.
        odd.metrics = new String[] {"temp_c", "tiny", "huge", "nan", "exp"};
        odd.values = new double[] {-3.25, 1e-200, 1e200, Double.NaN, 1.5e-7};
        odd.metricTimes = new long[] {odd.lastSeen, odd.lastSeen, odd.lastSeen, odd.lastSeen, odd.lastSeen - 5};
        DeviceState noGroup = Snapshots.snapshot(8, 2);
        noGroup.deviceGroup = null;
        DeviceState invalid = Snapshots.snapshot(9, 0);
        invalid.deviceId = "";

        JobExecutionResult result = run(sink("every-attribute", dynamo.endpoint()), timed(1, 0), timed(2, 2),
                Tuple2.of(Snapshots.emitTime(0), odd), Tuple2.of(Snapshots.emitTime(2), noGroup),
                Tuple2.of(Snapshots.emitTime(0), invalid));

        Map<String, Map<String, AttributeValue>> items = dynamo.items("every-attribute");
        assertThat(items).containsOnlyKeys("reefer-001", "reefer-002", "reefer-007", "reefer-008");
        assertItemHolds(items.get("reefer-001"), Snapshots.snapshot(1, 0), Snapshots.emitTime(0));
        assertItemHolds(items.get("reefer-002"), Snapshots.snapshot(2, 2), Snapshots.emitTime(2));
        Map<String, AttributeValue> metrics = items.get("reefer-007").get("metrics").m();
        assertThat(metrics).containsOnlyKeys("temp_c", "exp");
        assertThat(Double.parseDouble(metrics.get("temp_c").n())).isEqualTo(-3.25);
        assertThat(Double.parseDouble(metrics.get("exp").n())).isEqualTo(1.5e-7);
        assertThat(Long.parseLong(items.get("reefer-007").get("metricTimes").m().get("exp").n()))
                .isEqualTo(odd.lastSeen - 5);
        assertThat(items.get("reefer-008")).doesNotContainKey("deviceGroup");
        assertThat(counter(result.getJobID(), DeviceStateWriter.METRIC_VALUES_DROPPED)).isEqualTo(3);
        assertThat(counter(result.getJobID(), DeviceStateWriter.METRIC_SKIPPED)).isEqualTo(1);
        assertThat(counter(result.getJobID(), DeviceStateWriter.METRIC_WRITES)).isEqualTo(4);
    }

    @Test
    void shuffledSnapshotsLeaveEveryDeviceAtItsNewestStateAndAReplayChangesNothing() throws Exception {
        dynamo.createDeviceStateTable("shuffled");
        int devices = 30;
        int perDevice = Snapshots.perDevice(12);
        DeviceStateSink sink = DeviceStateSink.builder().table("shuffled").endpoint(dynamo.endpoint())
                .credentials(DynamoDbLocalServer.ACCESS_KEY, DynamoDbLocalServer.SECRET_KEY)
                .maxInFlight(8).maxBatchDelay(Duration.ofMillis(20)).build();

        // Two writers, each receiving states of every device: writes of one device race each other.
        JobExecutionResult first = runShuffled(devices, perDevice, 1L, sink);
        Map<String, Map<String, AttributeValue>> written = dynamo.items("shuffled");
        assertNewest(written, devices, perDevice);
        // Every state was written, refused by the condition, or left out for a newer one of its batch (a retried
        // state, should the local server time out, is counted once more).
        long writes = counter(first.getJobID(), DeviceStateWriter.METRIC_WRITES);
        assertThat(writes).isGreaterThanOrEqualTo(devices);
        assertThat(writes + counter(first.getJobID(), DeviceStateWriter.METRIC_STALE)
                + counter(first.getJobID(), DeviceStateWriter.METRIC_COALESCED))
                .isEqualTo(devices * perDevice + counter(first.getJobID(), DeviceStateWriter.METRIC_RETRIES));

        JobExecutionResult replay = runShuffled(devices, perDevice, 2L, sink);
        // Not one write landed: even updatedAt, set by every write that lands, is unchanged.
        assertThat(dynamo.items("shuffled")).isEqualTo(written);
        assertThat(counter(replay.getJobID(), DeviceStateWriter.METRIC_WRITES)).isZero();
        assertThat(counter(replay.getJobID(), DeviceStateWriter.METRIC_STALE)).isPositive();
        assertThat(counter(replay.getJobID(), DeviceStateWriter.METRIC_STALE)
                + counter(replay.getJobID(), DeviceStateWriter.METRIC_COALESCED))
                .isEqualTo(devices * perDevice + counter(replay.getJobID(), DeviceStateWriter.METRIC_RETRIES));
    }

    @Test
    void anAlarmOnlyChangeAtTheSameLastSeenLandsAndItsPredecessorCannotComeBack() throws Exception {
        dynamo.createDeviceStateTable("alarm-only");
        DeviceStateSink sink = sink("alarm-only", dynamo.endpoint());
        // Snapshot 2 raises an alarm at snapshot 1's lastSeen; then snapshot 1 arrives again (a retry or replay).
        run(sink, timed(3, 1));
        run(sink, timed(3, 2));
        assertItemHolds(dynamo.items("alarm-only").get("reefer-003"), Snapshots.snapshot(3, 2), Snapshots.emitTime(2));

        run(sink, timed(3, 1));
        assertItemHolds(dynamo.items("alarm-only").get("reefer-003"), Snapshots.snapshot(3, 2), Snapshots.emitTime(2));
    }

    @Test
    void throttledAndFailedWritesAreRetriedUntilEveryDeviceIsAtItsNewestState() throws Exception {
        dynamo.createDeviceStateTable("throttled");
        int devices = 20;
        int perDevice = Snapshots.perDevice(9);
        try (FaultProxy proxy = new FaultProxy(dynamo.endpoint(), FaultProxy.dynamoDbThrottling(20))) {
            JobExecutionResult result = runShuffled(devices, perDevice, 3L, sink("throttled", proxy.endpoint()));
            assertThat(proxy.failed()).isEqualTo(20);
            assertThat(counter(result.getJobID(), DeviceStateWriter.METRIC_RETRIES)).isPositive();
        }
        assertNewest(dynamo.items("throttled"), devices, perDevice);
    }

    @Test
    void aMissingTableFailsTheJobWithAMessageNamingIt() {
        assertThatThrownBy(() -> run(sink("no-such-table", dynamo.endpoint()), timed(1, 0)))
                .satisfies(e -> assertThat(messages(e))
                        .contains("DynamoDB table 'no-such-table' does not exist (endpoint " + dynamo.endpoint()));
    }

    static DeviceStateSink sink(String table, String endpoint) {
        return DeviceStateSink.builder().table(table).endpoint(endpoint)
                .credentials(DynamoDbLocalServer.ACCESS_KEY, DynamoDbLocalServer.SECRET_KEY)
                .maxBatchDelay(Duration.ofMillis(20)).build();
    }

    static void assertNewest(Map<String, Map<String, AttributeValue>> items, int devices, int perDevice) {
        assertThat(items).hasSize(devices);
        for (int d = 0; d < devices; d++) {
            assertItemHolds(items.get(Snapshots.deviceId(d)), Snapshots.snapshot(d, perDevice - 1),
                    Snapshots.emitTime(perDevice - 1));
        }
    }

    private static JobExecutionResult runShuffled(int devices, int perDevice, long seed, DeviceStateSink sink)
            throws Exception {
        StreamExecutionEnvironment env = environment(2);
        Snapshots.shuffled(env, devices, perDevice, seed, 0).rebalance()
                .sinkTo(sink).name("dynamodb");
        return env.execute("shuffled-" + seed);
    }

    /** The states in this order, each with its timestamp (the emit time), through one writer. */
    @SafeVarargs
    private static JobExecutionResult run(DeviceStateSink sink, Tuple2<Long, DeviceState>... timed)
            throws Exception {
        StreamExecutionEnvironment env = environment(1);
        TypeInformation<Tuple2<Long, DeviceState>> type = Types.TUPLE(Types.LONG, TypeInformation.of(DeviceState.class));
        env.fromData(List.of(timed), type)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Tuple2<Long, DeviceState>>noWatermarks()
                        .withTimestampAssigner((t, previous) -> t.f0))
                .map(t -> t.f1).returns(TypeInformation.of(DeviceState.class))
                .sinkTo(sink).name("dynamodb");
        return env.execute("states");
    }

    /** Snapshot k of device d, stamped with its emit time. */
    static Tuple2<Long, DeviceState> timed(int d, int k) {
        return Tuple2.of(Snapshots.emitTime(k), Snapshots.snapshot(d, k));
    }

    static StreamExecutionEnvironment environment(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }

    /** A counter summed over the job's sink subtasks. */
    static long counter(JobID job, String name) {
        return METRICS.findMetrics(job, ".*" + name.replace(".", "\\.") + "$").values().stream()
                .mapToLong(m -> ((Counter) m).getCount()).sum();
    }

    static String messages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t.getMessage()).append('\n');
        }
        return b.toString();
    }
}
