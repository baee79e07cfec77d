package io.fleetstream.sinks.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.DeviceState;
import java.util.List;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.junit.jupiter.api.Test;

class DeviceUpdatesTest {
    static DeviceState state() {
        DeviceState s = new DeviceState();
        s.deviceId = "pump-7";
        s.deviceGroup = "pumps-north";
        s.lastSeen = 5_000;
        s.metrics = new String[] {"pressure_bar", "tiny", "flow_lpm", "", "huge"};
        s.values = new double[] {2.5, 1e-131, 40, 1, -1e127};
        s.metricTimes = new long[] {5_000, 5_000, 4_000, 5_000, 5_000};
        s.activeAlarms = new String[] {"pump-stuck-sensor=WARNING"};
        return s;
    }

    @Test
    void copiesTheStateWithoutTheValuesDynamoDbCannotHoldAndTakesTheEmitTimeAsSnapshotTime() {
        DeviceState s = state();
        DeviceUpdate u = DeviceUpdates.from(s, 10_000L);
        s.values[0] = 99; // the pipeline may reuse its objects

        assertThat(u.metrics).containsExactly("pressure_bar", "flow_lpm");
        assertThat(u.values).containsExactly(2.5, 40);
        assertThat(u.metricTimes).containsExactly(5_000, 4_000);
        assertThat(u.snapshotTime).isEqualTo(10_000);
        assertThat(u.activeAlarms).containsExactly("pump-stuck-sensor=WARNING");
        assertThat(DeviceUpdates.unstorableValues(state())).isEqualTo(3);
        assertThat(DeviceUpdates.from(state(), null).snapshotTime).isEqualTo(5_000);
    }

    @Test
    void statesThatCannotBeItemsAreNamedWithTheReason() {
        DeviceState noId = state();
        noId.deviceId = "";
        DeviceState longId = state();
        longId.deviceId = "x".repeat(2049);
        DeviceState huge = state();
        huge.metrics = new String[5_000];
        huge.values = new double[5_000];
        huge.metricTimes = new long[5_000];
        for (int i = 0; i < huge.metrics.length; i++) {
            huge.metrics[i] = "metric-with-a-long-name-" + i;
        }
        DeviceState ragged = state();
        ragged.values = new double[1];

        assertThat(DeviceUpdates.problem(state())).isNull();
        assertThat(DeviceUpdates.problem(noId)).isEqualTo("no deviceId");
        assertThat(DeviceUpdates.problem(longId)).contains("2048-byte partition key limit");
        assertThat(DeviceUpdates.problem(huge)).contains("over DynamoDB's 409600-byte limit");
        assertThat(DeviceUpdates.problem(ragged)).contains("differ in length");
    }

    @Test
    void bufferedStatesSurviveACheckpointRoundTrip() throws Exception {
        DeviceUpdate a = DeviceUpdates.from(state(), 10_000L);
        DeviceState s = state();
        s.deviceGroup = null;
        s.activeAlarms = new String[0];
        s.deviceId = "pümpe-ü";
        DeviceUpdate b = DeviceUpdates.from(s, 20_000L);
        DeviceUpdateStateSerializer serializer = new DeviceUpdateStateSerializer();
        byte[] bytes = serializer.serialize(new BufferedRequestState<>(List.of(
                new RequestEntryWrapper<>(a, DeviceUpdates.sizeInBytes(a)),
                new RequestEntryWrapper<>(b, DeviceUpdates.sizeInBytes(b)))));

        List<RequestEntryWrapper<DeviceUpdate>> back = List.copyOf(
                serializer.deserialize(serializer.getVersion(), bytes).getBufferedRequestEntries());

        assertThat(back).hasSize(2);
        assertThat(back.get(0).getRequestEntry()).usingRecursiveComparison().isEqualTo(a);
        assertThat(back.get(1).getRequestEntry()).usingRecursiveComparison().isEqualTo(b);
        assertThat(back.get(1).getSize()).isEqualTo(DeviceUpdates.sizeInBytes(b));
    }
}
