package io.fleetstream.sinks.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.DeviceState;
import io.fleetstream.testing.DynamoDbLocal;
import io.fleetstream.testing.DynamoDbLocalServer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** At-least-once plus the condition: a job that fails and restarts from its checkpoint still ends right. */
class DeviceStateSinkRecoveryTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final DynamoDbLocal DYNAMO = new DynamoDbLocal();

    static DynamoDbLocalServer dynamo;

    @BeforeAll
    static void server() {
        dynamo = DYNAMO.server();
    }

    @Test
    void aJobThatFailsOnceAndRestartsFromItsCheckpointEndsWithEveryDevicesNewestState() throws Exception {
        dynamo.createDeviceStateTable("recovery");
        int devices = 20;
        int perDevice = Snapshots.perDevice(30);
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                Files.createTempDirectory("checkpoints").toUri().toString());
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(200);

        FailOnceAfterACheckpoint.FAILURES.set(0);
        // Throttled, so checkpoints complete while states are still coming.
        Snapshots.shuffled(env, devices, perDevice, 5L, 400)
                .map(new FailOnceAfterACheckpoint(devices * perDevice / 3)).setParallelism(1).name("fail once")
                .rebalance()
                .sinkTo(DeviceStateSink.builder().table("recovery").endpoint(dynamo.endpoint())
                        .credentials(DynamoDbLocalServer.ACCESS_KEY, DynamoDbLocalServer.SECRET_KEY)
                        .maxInFlight(8).maxBatchDelay(Duration.ofMillis(50)).build())
                .name("dynamodb");
        env.execute("recovery");

        assertThat(FailOnceAfterACheckpoint.FAILURES).hasValue(1);
        DeviceStateSinkTest.assertNewest(dynamo.items("recovery"), devices, perDevice);
    }

    /** Fails its first attempt once a checkpoint has completed and enough states went through. */
    static final class FailOnceAfterACheckpoint extends RichMapFunction<DeviceState, DeviceState>
            implements CheckpointListener {
        static final AtomicInteger FAILURES = new AtomicInteger();
        private final int after;
        private int seen;
        private boolean checkpointed;

        FailOnceAfterACheckpoint(int after) {
            this.after = after;
        }

        @Override
        public DeviceState map(DeviceState s) {
            if (getRuntimeContext().getTaskInfo().getAttemptNumber() == 0 && checkpointed && ++seen >= after) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("planned failure");
            }
            return s;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }
    }
}
