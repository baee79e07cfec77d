package io.fleetstream.operators.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.Reading;
import io.fleetstream.testing.NoKryo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DedupFunctionTest {
    private static final long T0 = 1_763_640_000_000L;
    private static final long RETENTION = 600_000L;

    private KeyedOneInputStreamOperatorTestHarness<String, Reading, Reading> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DedupFunction(RETENTION)), r -> r.deviceId, Types.STRING);
        NoKryo.on(harness.getExecutionConfig());
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static Reading reading(String device, long t, Long seq, double v) {
        return new Reading(device, "g", t, seq, new String[] {"temp"}, new double[] {v});
    }

    private void send(Reading r) throws Exception {
        harness.processElement(r, r.eventTime);
    }

    @Test
    void dropsARepeatedSeqAtTheSameEventTime() throws Exception {
        send(reading("d1", T0, 1L, 3.0));
        send(reading("d1", T0, 1L, 3.0));
        send(reading("d2", T0, 1L, 3.0));
        assertThat(harness.extractOutputValues()).extracting(r -> r.deviceId).containsExactly("d1", "d2");
    }

    @Test
    void keepsAReusedSeqWithANewEventTimeAfterADeviceRestart() throws Exception {
        send(reading("d1", T0, 1L, 3.0));
        send(reading("d1", T0 + 60_000, 1L, 3.5));
        assertThat(harness.extractOutputValues()).hasSize(2);
    }

    @Test
    void dropsDuplicatesWithoutSeqByEventTimeAndPayload() throws Exception {
        send(reading("d1", T0, null, 3.0));
        send(reading("d1", T0, null, 3.0));
        send(reading("d1", T0, null, 3.1));
        assertThat(harness.extractOutputValues()).extracting(r -> r.values[0]).containsExactly(3.0, 3.1);
    }

    @Test
    void forgetsIdentitiesAfterTheRetentionSoStateDoesNotGrow() throws Exception {
        for (int i = 0; i < 100; i++) {
            send(reading("d" + (i % 10), T0 + i * 1_000L, (long) i, i));
        }
        assertThat(harness.numKeyedStateEntries()).isEqualTo(10); // one map per device
        assertThat(harness.numEventTimeTimers()).isBetween(10, 10 * (int) (RETENTION / 60_000 + 2));

        harness.processWatermark(T0 + 100_000L + RETENTION + 60_000L);

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aDuplicateWithinTheRetentionIsDroppedEvenAfterTheWatermarkPassedIt() throws Exception {
        send(reading("d1", T0, 7L, 1.0));
        harness.processWatermark(T0 + RETENTION / 2);
        send(reading("d1", T0, 7L, 1.0));
        assertThat(harness.extractOutputValues()).hasSize(1);
    }
}
