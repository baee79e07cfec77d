package io.fleetstream.operators.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.model.DeviceState;
import io.fleetstream.model.Reading;
import io.fleetstream.testing.NoKryo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The current-state operator restored from a snapshot after every step of a scenario emits what an uninterrupted
 * run emits, at the same event times: readings in and out of order, readings behind the watermark, alarms raised and
 * cleared, devices expiring. After each restore the harness starts with no watermark, as a restored job does.
 */
class CurrentStateRestoreTest {
    private static final long T0 = 1_763_640_000_000L;
    private static final long INTERVAL = 10_000L;
    private static final long TTL = 600_000L;

    static Stream<StateBackend> backends() {
        return Stream.of(new HashMapStateBackend(), new EmbeddedRocksDBStateBackend());
    }

    /** One step: a reading, an alarm event, or a watermark (on both inputs). */
    private interface Step {
        void apply(KeyedTwoInputStreamOperatorTestHarness<String, Reading, AlarmEvent, DeviceState> h)
                throws Exception;
    }

    private static List<Step> scenario(long seed) {
        Random random = new Random(seed);
        List<Step> steps = new ArrayList<>();
        long watermark = T0;
        for (int i = 0; i < 120; i++) {
            for (String d : new String[] {"a", "b", "c"}) {
                if (d.equals("c") && i > 40 && i < 110) {
                    continue; // silent long enough to expire
                }
                // mostly on time, sometimes well behind the watermark
                long t = T0 + i * 3_000L - (random.nextInt(6) == 0 ? random.nextInt(40_000) : 0);
                double v = Math.round(random.nextGaussian() * 100) / 10.0;
                Reading r = new Reading(d, "g", t, null, new String[] {random.nextBoolean() ? "temp" : "fuel"},
                        new double[] {v});
                steps.add(h -> h.processElement1(r, r.eventTime));
            }
            if (i % 17 == 5) {
                // every third one behind the watermark, as a reading can be
                long at = T0 + i * 3_000L - (i % 3 == 0 ? 30_000L : 0L);
                AlarmEvent a = alarm("a", at, i % 34 == 5 ? null : at);
                steps.add(h -> h.processElement2(a, a.eventTime));
            }
            if (i % 4 == 3) {
                watermark = T0 + i * 3_000L - 5_000L;
                long w = watermark;
                // the alarm events' watermark lags the readings' by one step half the time: each input decides
                // what is due by its own, and a restore must keep both
                steps.add(h -> h.processWatermark1(new Watermark(w)));
                if (i % 8 == 7) {
                    steps.add(h -> h.processWatermark2(new Watermark(w)));
                }
            }
        }
        steps.add(h -> h.processBothWatermarks(new Watermark(T0 + 120 * 3_000L + TTL + INTERVAL)));
        return steps;
    }

    private static AlarmEvent alarm(String device, long t, Long clearedAt) {
        AlarmEvent a = new AlarmEvent();
        a.deviceId = device;
        a.rule = "hot";
        a.kind = "threshold";
        a.severity = "WARNING";
        a.state = clearedAt == null ? "RAISED" : "CLEARED";
        a.eventTime = t;
        a.raisedAt = t;
        a.clearedAt = clearedAt;
        return a;
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, Reading, AlarmEvent, DeviceState> harness(
            StateBackend backend, OperatorSubtaskState from) throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<String, Reading, AlarmEvent, DeviceState> h =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new CurrentStateOperator(new CurrentStateFunction(INTERVAL, TTL)), r -> r.deviceId,
                        a -> a.deviceId, Types.STRING);
        NoKryo.on(h.getExecutionConfig());
        h.setStateBackend(backend);
        if (from != null) {
            h.initializeState(from);
        }
        h.open();
        return h;
    }

    private static List<String> emitted(
            KeyedTwoInputStreamOperatorTestHarness<String, Reading, AlarmEvent, DeviceState> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord) {
                @SuppressWarnings("unchecked")
                StreamRecord<DeviceState> r = (StreamRecord<DeviceState>) o;
                DeviceState s = r.getValue();
                out.add(r.getTimestamp() + " " + s.deviceId + " seen=" + s.lastSeen + " " + Arrays.toString(s.metrics)
                        + "=" + Arrays.toString(s.values) + " alarms=" + Arrays.toString(s.activeAlarms)
                        + " online=" + s.online);
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void restoringAfterEveryStepEmitsWhatAnUninterruptedRunEmits(StateBackend backend) throws Exception {
        List<Step> steps = scenario(3);
        List<String> uninterrupted;
        try (KeyedTwoInputStreamOperatorTestHarness<String, Reading, AlarmEvent, DeviceState> h =
                harness(backend, null)) {
            for (Step s : steps) {
                s.apply(h);
            }
            uninterrupted = emitted(h);
        }
        assertThat(uninterrupted).hasSizeGreaterThan(20);

        List<String> restored = new ArrayList<>();
        OperatorSubtaskState snapshot = null;
        long id = 0;
        for (Step s : steps) {
            try (KeyedTwoInputStreamOperatorTestHarness<String, Reading, AlarmEvent, DeviceState> h =
                    harness(backend, snapshot)) {
                s.apply(h);
                h.prepareSnapshotPreBarrier(++id);
                snapshot = h.snapshot(id, id);
                restored.addAll(emitted(h));
            }
        }
        assertThat(restored.stream().sorted().collect(Collectors.toList()))
                .containsExactlyElementsOf(uninterrupted.stream().sorted().collect(Collectors.toList()));
    }
}
