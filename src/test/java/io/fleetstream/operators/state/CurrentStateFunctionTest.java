package io.fleetstream.operators.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.DeviceState;
import io.fleetstream.model.Reading;
import io.fleetstream.testing.NoKryo;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import io.fleetstream.model.AlarmEvent;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CurrentStateFunctionTest {
    private static final long T0 = 1_763_640_000_000L; // a multiple of 10 s
    private static final long INTERVAL = 10_000L;
    private static final long TTL = 3_600_000L;

    private KeyedTwoInputStreamOperatorTestHarness<String, Reading, AlarmEvent, DeviceState> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new CurrentStateOperator(new CurrentStateFunction(INTERVAL, TTL)), r -> r.deviceId,
                a -> a.deviceId, Types.STRING);
        NoKryo.on(harness.getExecutionConfig());
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(String device, long t, String metric, double v) throws Exception {
        harness.processElement1(new Reading(device, "g", t, null, new String[] {metric}, new double[] {v}), t);
    }

    @Test
    void emitsAtMostOncePerDevicePerInterval() throws Exception {
        for (int i = 0; i < 10; i++) {
            send("d1", T0 + i * 900L, "temp", i);
        }
        // the readings wait for the watermark: one timer for the burst's bucket (the expiry comes when it is applied)
        assertThat(harness.numEventTimeTimers()).as("one emit timer for the burst").isEqualTo(1);
        harness.processBothWatermarks(new Watermark(T0 + INTERVAL));
        List<DeviceState> out = harness.extractOutputValues();
        assertThat(out).singleElement().satisfies(s -> {
            assertThat(s.values).containsExactly(9.0);
            assertThat(s.lastSeen).isEqualTo(T0 + 8_100L);
        });
    }

    @Test
    void aSnapshotHoldsWhatHappenedUpToItsBucketsEndEvenWhenNewerReadingsArrivedBeforeTheWatermark()
            throws Exception {
        // read fast: the next bucket's reading is in before the watermark closes the first bucket
        send("d1", T0 + 100L, "temp", 1.0);
        send("d1", T0 + INTERVAL + 100L, "temp", 2.0);
        harness.processBothWatermarks(new Watermark(T0 + INTERVAL));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(s -> {
            assertThat(s.values).containsExactly(1.0);
            assertThat(s.lastSeen).isEqualTo(T0 + 100L);
        });

        harness.processBothWatermarks(new Watermark(T0 + 2 * INTERVAL));
        assertThat(harness.extractOutputValues()).last().satisfies(s -> assertThat(s.values).containsExactly(2.0));
    }

    @Test
    void anOlderReadingNeverOverwritesANewerOne() throws Exception {
        send("d1", T0 + 5_000L, "temp", 5.0);
        send("d1", T0 + 1_000L, "temp", 1.0);
        send("d1", T0 + 2_000L, "fuel", 80.0);
        harness.processBothWatermarks(new Watermark(T0 + INTERVAL));
        DeviceState s = harness.extractOutputValues().get(0);
        assertThat(s.values[s.indexOf("temp")]).isEqualTo(5.0);
        assertThat(s.metricTimes[s.indexOf("temp")]).isEqualTo(T0 + 5_000L);
        assertThat(s.values[s.indexOf("fuel")]).isEqualTo(80.0);
        assertThat(s.lastSeen).isEqualTo(T0 + 5_000L);
    }

    @Test
    void emitsNothingWhenALateReadingChangesNothing() throws Exception {
        send("d1", T0 + 5_000L, "temp", 5.0);
        harness.processBothWatermarks(new Watermark(T0 + INTERVAL));
        send("d1", T0 + 1_000L, "temp", 1.0);
        harness.processBothWatermarks(new Watermark(T0 + 3 * INTERVAL));
        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    @Test
    void aLateChangeJoinsTheCurrentIntervalInsteadOfFiringAtOnce() throws Exception {
        send("d1", T0 + 5_000L, "temp", 5.0);
        harness.processBothWatermarks(new Watermark(T0 + 25_000L));
        send("d1", T0 + 3_000L, "fuel", 50.0);
        harness.processBothWatermarks(new Watermark(T0 + 29_999L));
        assertThat(harness.extractOutputValues()).hasSize(1);
        harness.processBothWatermarks(new Watermark(T0 + 30_000L));
        assertThat(harness.extractOutputValues()).hasSize(2);
    }

    @Test
    void forgetsADeviceSilentLongerThanTheTtl() throws Exception {
        send("d1", T0, "temp", 1.0);
        send("d2", T0, "temp", 1.0);
        harness.processBothWatermarks(new Watermark(T0 + TTL / 2));
        assertThat(harness.numKeyedStateEntries()).as("both devices tracked, nothing waiting").isEqualTo(2);
        send("d2", T0 + TTL / 2, "temp", 2.0);

        harness.processBothWatermarks(new Watermark(T0 + TTL + INTERVAL));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processBothWatermarks(new Watermark(T0 + 2 * TTL + INTERVAL));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private void alarm(String device, long t, String rule, String severity, String state) throws Exception {
        alarm(device, t, rule, "threshold", severity, state);
    }

    private void alarm(String device, long t, String rule, String kind, String severity, String state)
            throws Exception {
        AlarmEvent a = new AlarmEvent();
        a.kind = kind;
        a.clearedAt = state.equals("CLEARED") || state.equals("SHELVED") ? t : null;
        a.deviceId = device;
        a.rule = rule;
        a.severity = severity;
        a.state = state;
        a.eventTime = t;
        harness.processElement2(a, t);
    }

    @Test
    void showsTheDevicesActiveAlarmsUntilTheyClear() throws Exception {
        send("d1", T0, "temp", 9.0);
        harness.processBothWatermarks(new Watermark(T0 + INTERVAL));
        alarm("d1", T0 + 12_000L, "temp-high", "WARNING", "RAISED");
        alarm("d1", T0 + 13_000L, "door-open", "WARNING", "RAISED");
        harness.processBothWatermarks(new Watermark(T0 + 2 * INTERVAL));
        alarm("d1", T0 + 25_000L, "temp-high", "CRITICAL", "ESCALATED");
        harness.processBothWatermarks(new Watermark(T0 + 3 * INTERVAL));
        alarm("d1", T0 + 35_000L, "door-open", "WARNING", "CLEARED");
        harness.processBothWatermarks(new Watermark(T0 + 4 * INTERVAL));
        assertThat(harness.extractOutputValues()).extracting(s -> String.join(",", s.activeAlarms))
                .containsExactly("", "temp-high=WARNING,door-open=WARNING", "temp-high=CRITICAL,door-open=WARNING",
                        "temp-high=CRITICAL");
    }

    @Test
    void isOfflineWhileAnOfflineRulesAlarmIsActiveAndShelvingEndsAnAlarm() throws Exception {
        send("d1", T0, "temp", 9.0);
        harness.processBothWatermarks(new Watermark(T0 + INTERVAL));
        alarm("d1", T0 + 12_000L, "device-offline", "offline", "MAJOR", "RAISED");
        alarm("d1", T0 + 13_000L, "temp-high", "WARNING", "RAISED");
        harness.processBothWatermarks(new Watermark(T0 + 2 * INTERVAL));
        alarm("d1", T0 + 25_000L, "device-offline", "offline", "MAJOR", "CLEARED");
        alarm("d1", T0 + 26_000L, "temp-high", "WARNING", "SHELVED");
        harness.processBothWatermarks(new Watermark(T0 + 3 * INTERVAL));
        assertThat(harness.extractOutputValues()).extracting(s -> s.online + " " + String.join(",", s.activeAlarms))
                .containsExactly("true ", "false device-offline=MAJOR,temp-high=WARNING", "true ");
    }
}
