package io.fleetstream.operators.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.DeviceState;
import io.fleetstream.model.Reading;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CurrentStateFunctionTest {
    private static final long T0 = 1_763_640_000_000L; // a multiple of 10 s
    private static final long INTERVAL = 10_000L;
    private static final long TTL = 3_600_000L;

    private KeyedOneInputStreamOperatorTestHarness<String, Reading, DeviceState> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new CurrentStateFunction(INTERVAL, TTL)), r -> r.deviceId, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(String device, long t, String metric, double v) throws Exception {
        harness.processElement(new Reading(device, "g", t, null, new String[] {metric}, new double[] {v}), t);
    }

    @Test
    void emitsAtMostOncePerDevicePerInterval() throws Exception {
        for (int i = 0; i < 10; i++) {
            send("d1", T0 + i * 900L, "temp", i);
        }
        assertThat(harness.numEventTimeTimers()).as("one emit timer for the burst, one expiry").isEqualTo(2);
        harness.processWatermark(T0 + INTERVAL);
        List<DeviceState> out = harness.extractOutputValues();
        assertThat(out).singleElement().satisfies(s -> {
            assertThat(s.values).containsExactly(9.0);
            assertThat(s.lastSeen).isEqualTo(T0 + 8_100L);
        });
    }

    @Test
    void anOlderReadingNeverOverwritesANewerOne() throws Exception {
        send("d1", T0 + 5_000L, "temp", 5.0);
        send("d1", T0 + 1_000L, "temp", 1.0);
        send("d1", T0 + 2_000L, "fuel", 80.0);
        harness.processWatermark(T0 + INTERVAL);
        DeviceState s = harness.extractOutputValues().get(0);
        assertThat(s.values[s.indexOf("temp")]).isEqualTo(5.0);
        assertThat(s.metricTimes[s.indexOf("temp")]).isEqualTo(T0 + 5_000L);
        assertThat(s.values[s.indexOf("fuel")]).isEqualTo(80.0);
        assertThat(s.lastSeen).isEqualTo(T0 + 5_000L);
    }

    @Test
    void emitsNothingWhenALateReadingChangesNothing() throws Exception {
        send("d1", T0 + 5_000L, "temp", 5.0);
        harness.processWatermark(T0 + INTERVAL);
        send("d1", T0 + 1_000L, "temp", 1.0);
        harness.processWatermark(T0 + 3 * INTERVAL);
        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    @Test
    void aLateChangeJoinsTheCurrentIntervalInsteadOfFiringAtOnce() throws Exception {
        send("d1", T0 + 5_000L, "temp", 5.0);
        harness.processWatermark(T0 + 25_000L);
        send("d1", T0 + 3_000L, "fuel", 50.0);
        harness.processWatermark(T0 + 29_999L);
        assertThat(harness.extractOutputValues()).hasSize(1);
        harness.processWatermark(T0 + 30_000L);
        assertThat(harness.extractOutputValues()).hasSize(2);
    }

    @Test
    void forgetsADeviceSilentLongerThanTheTtl() throws Exception {
        send("d1", T0, "temp", 1.0);
        send("d2", T0, "temp", 1.0);
        harness.processWatermark(T0 + TTL / 2);
        send("d2", T0 + TTL / 2, "temp", 2.0);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

        harness.processWatermark(T0 + TTL + INTERVAL);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processWatermark(T0 + 2 * TTL + INTERVAL);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
