package io.fleetstream.sinks.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoalescerTest {
    static DeviceUpdate state(String device, long lastSeen, long snapshotTime, String marker) {
        return new DeviceUpdate(device, "g", lastSeen, snapshotTime, new String[] {marker}, new double[] {1},
                new long[] {lastSeen}, new String[0]);
    }

    @Test
    void keepsTheNewestStateOfEachDeviceInTheOrderDevicesFirstAppear() {
        List<DeviceUpdate> batch = List.of(
                state("b", 20, 30, "b-newest"),
                state("a", 10, 20, "a-old"),
                state("b", 10, 20, "b-old"),
                state("a", 15, 20, "a-newest"),
                state("c", 5, 10, "c-only"),
                state("a", 12, 40, "a-older-reading-emitted-later"));

        assertThat(Coalescer.newestPerDevice(batch)).extracting(u -> u.metrics[0])
                .containsExactly("b-newest", "a-newest", "c-only");
    }

    @Test
    void atTheSameLastSeenTheLaterSnapshotWinsAndEqualVersionsKeepTheLastArrival() {
        List<DeviceUpdate> batch = List.of(
                state("a", 10, 30, "alarm-change"),
                state("a", 10, 20, "reading"),
                state("b", 10, 20, "first"),
                state("b", 10, 20, "second"));

        assertThat(Coalescer.newestPerDevice(batch)).extracting(u -> u.metrics[0])
                .containsExactly("alarm-change", "second");
    }
}
