package io.fleetstream.operators.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.operators.internal.StateCache;
import io.fleetstream.model.AnomalyEvent;
import io.fleetstream.model.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs on both state backends: with RocksDB models are cached decoded and written through {@link DeviceModelSerializer}
 * when they leave the cache and before each checkpoint; with the heap backend state holds them.
 */
class AnomalyOperatorTest {
    private static final long T0 = 1_763_640_000_000L;
    private static final long STEP = 10_000L;
    private static final long TTL = 3_600_000L;

    static Stream<StateBackend> backends() {
        return Stream.of(new HashMapStateBackend(), new EmbeddedRocksDBStateBackend());
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Reading, AnomalyEvent> harness(StateBackend backend)
            throws Exception {
        return harness(backend, 0, null);
    }

    static final AnomalySettings SETTINGS = new AnomalySettings(List.of(), 30, 128, 4, 0.005, 7L, TTL);

    private static KeyedOneInputStreamOperatorTestHarness<String, Reading, AnomalyEvent> harness(StateBackend backend,
            long cacheBytes, OperatorSubtaskState restoreFrom) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Reading, AnomalyEvent> h =
                new KeyedOneInputStreamOperatorTestHarness<>(new AnomalyOperator(SETTINGS, cacheBytes),
                        r -> r.deviceId, Types.STRING);
        h.setStateBackend(backend);
        if (restoreFrom != null) {
            h.initializeState(restoreFrom);
        }
        h.open();
        return h;
    }

    /** As a task takes a checkpoint: the operator flushes before the barrier, then its state is snapshotted. */
    private static OperatorSubtaskState checkpoint(KeyedOneInputStreamOperatorTestHarness<String, Reading, AnomalyEvent> h,
            long id) throws Exception {
        h.prepareSnapshotPreBarrier(id);
        return h.snapshot(id, id);
    }

    /** Keys holding a model or pending readings; works on RocksDB, where the harness cannot count entries. */
    private static long stateEntries(KeyedOneInputStreamOperatorTestHarness<String, Reading, AnomalyEvent> h) {
        KeyedStateBackend<String> backend = h.getOperator().getKeyedStateBackend();
        long models;
        long pending;
        try (Stream<String> m = backend.getKeys("model", VoidNamespace.INSTANCE);
                Stream<String> p = backend.getKeys("pending", VoidNamespace.INSTANCE)) {
            models = m.count();
            pending = p.count();
        }
        return models + pending;
    }

    private static Reading reading(String device, int i, double temp, double fan) {
        return new Reading(device, "hvac", T0 + i * STEP, (long) i, new String[] {"temp_c", "fan_rpm"},
                new double[] {temp, fan});
    }

    @ParameterizedTest
    @MethodSource("backends")
    void flagsASpikeAndAttributesItToTheMetricThatMoved(StateBackend backend) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Reading, AnomalyEvent> h = harness(backend)) {
            Random noise = new Random(3);
            for (int i = 0; i < 800; i++) {
                double temp = 20 + Math.sin(i / 20.0) + noise.nextGaussian() * 0.05;
                double fan = 1200 + noise.nextGaussian() * 5;
                if (i == 700) {
                    temp = 35;
                }
                Reading r = reading("d1", i, temp, fan);
                h.processElement(r, r.eventTime);
                h.processWatermark(r.eventTime - 30_000L);
            }
            h.processWatermark(T0 + 800 * STEP);

            List<AnomalyEvent> out = h.extractOutputValues();
            assertThat(out).anySatisfy(e -> {
                assertThat(e.eventTime).isEqualTo(T0 + 700 * STEP);
                assertThat(e.grade).isGreaterThan(0);
                assertThat(e.attributionMetrics).containsExactly("fan_rpm", "temp_c");
                assertThat(e.attributionShares[1]).isGreaterThan(e.attributionShares[0]);
            });
            assertThat(out).allSatisfy(e -> assertThat(e.grade).isBetween(0.0, 1.0));
            assertThat(out.size()).as("few false alarms on 800 readings").isLessThan(20);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void feedsTheModelInEventTimeOrderWhateverTheArrivalOrder(StateBackend backend) throws Exception {
        List<AnomalyEvent> inOrder;
        List<AnomalyEvent> shuffled;
        try (KeyedOneInputStreamOperatorTestHarness<String, Reading, AnomalyEvent> h = harness(backend)) {
            for (int i = 0; i < 400; i++) {
                Reading r = reading("d1", i, i == 350 ? 99 : 20 + Math.sin(i / 9.0), 1200);
                h.processElement(r, r.eventTime);
            }
            h.processWatermark(T0 + 400 * STEP);
            inOrder = h.extractOutputValues();
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, Reading, AnomalyEvent> h = harness(backend)) {
            for (int block = 0; block < 400; block += 4) {
                for (int i = block + 3; i >= block; i--) {
                    Reading r = reading("d1", i, i == 350 ? 99 : 20 + Math.sin(i / 9.0), 1200);
                    h.processElement(r, r.eventTime);
                }
            }
            h.processWatermark(T0 + 400 * STEP);
            shuffled = h.extractOutputValues();
        }
        assertThat(inOrder).isNotEmpty();
        assertThat(shuffled).extracting(e -> e.eventTime + ":" + e.score)
                .containsExactlyElementsOf(inOrder.stream().map(e -> e.eventTime + ":" + e.score).toList());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void keepsOneModelPerDeviceAndDropsItAfterTheTtl(StateBackend backend) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Reading, AnomalyEvent> h = harness(backend)) {
            for (int i = 0; i < 20; i++) {
                for (String d : new String[] {"a", "b", "c"}) {
                    Reading r = reading(d, i, 20, 1200);
                    h.processElement(r, r.eventTime);
                }
            }
            assertThat(h.numEventTimeTimers()).as("readings wait on the heap, not in timers").isZero();
            h.processWatermark(T0 + 20 * STEP);
            checkpoint(h, 1);
            assertThat(stateEntries(h)).as("one model per device, nothing pending").isEqualTo(3);
            assertThat(h.numEventTimeTimers()).as("one expiry timer per device").isEqualTo(3);

            Reading late = reading("c", 400, 20, 1200);
            h.processElement(late, late.eventTime);
            h.processWatermark(T0 + 19 * STEP + TTL);
            checkpoint(h, 2);
            assertThat(stateEntries(h)).isEqualTo(1);
            h.processWatermark(T0 + 400 * STEP + TTL);
            checkpoint(h, 3);
            assertThat(stateEntries(h)).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void skipsAReadingBehindTheWatermarkThatTheModelHasPassed(StateBackend backend) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Reading, AnomalyEvent> h = harness(backend)) {
            for (int i = 0; i < 10; i++) {
                Reading r = reading("d1", i, 20, 1200);
                h.processElement(r, r.eventTime);
            }
            h.processWatermark(T0 + 10 * STEP);
            Reading old = reading("d1", 3, 50, 1200);
            h.processElement(old, old.eventTime);
            checkpoint(h, 1);
            assertThat(stateEntries(h)).isEqualTo(1);
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void groupModelScoresEveryDevicesReadingsEvenAtTheSameInstantAndFlagsTheOddDevice(StateBackend backend)
            throws Exception {
        AnomalySettings settings = new AnomalySettings(List.of(), 20, 64, 1, 0.005, 7L, TTL, true);
        try (KeyedOneInputStreamOperatorTestHarness<String, Reading, AnomalyEvent> h =
                new KeyedOneInputStreamOperatorTestHarness<>(new AnomalyOperator(settings, 0),
                        r -> r.deviceGroup, Types.STRING)) {
            h.setStateBackend(backend);
            h.open();
            Random noise = new Random(4);
            int devices = 4;
            for (int i = 0; i < 200; i++) {
                for (int d = 0; d < devices; d++) {
                    // all devices report at the same instant; device 3 runs hot from reading 150 on
                    double temp = 20 + noise.nextGaussian() * 0.2 + (d == 3 && i >= 150 ? 8 : 0);
                    Reading r = reading("d" + d, i, temp, 1200 + noise.nextGaussian() * 5);
                    h.processElement(r, r.eventTime);
                }
                h.processWatermark(T0 + (i - 3) * STEP);
            }
            assertThat(h.numEventTimeTimers()).as("only the group's expiry: readings wait on the heap").isEqualTo(1);
            h.processWatermark(T0 + 200 * STEP);

            List<AnomalyEvent> out = h.extractOutputValues();
            assertThat(out).as("the hot device, once it runs hot").anySatisfy(e -> {
                assertThat(e.deviceId).isEqualTo("d3");
                assertThat(e.eventTime).isGreaterThanOrEqualTo(T0 + 150 * STEP);
            });
            assertThat(out.stream().filter(e -> e.eventTime >= T0 + 150 * STEP && e.eventTime < T0 + 160 * STEP))
                    .as("in the first readings after the change, only the odd device")
                    .allSatisfy(e -> assertThat(e.deviceId).isEqualTo("d3"));
            checkpoint(h, 1);
            KeyedStateBackend<String> keyed = h.getOperator().getKeyedStateBackend();
            try (Stream<String> models = keyed.getKeys("model", VoidNamespace.INSTANCE)) {
                assertThat(models).as("one model for the group").containsExactly("hvac");
            }
            assertThat(h.numEventTimeTimers()).as("only the group's expiry").isEqualTo(1);

            h.processWatermark(T0 + 200 * STEP + TTL);
            checkpoint(h, 2);
            assertThat(stateEntries(h)).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    /** One step of a scenario: a reading, or a watermark. */
    private record Step(Reading reading, long watermark) {
        void apply(KeyedOneInputStreamOperatorTestHarness<String, Reading, AnomalyEvent> h) throws Exception {
            if (reading != null) {
                h.processElement(reading, reading.eventTime);
            } else {
                h.processWatermark(watermark);
            }
        }
    }

    /**
     * Three devices, readings out of order within the bound, some behind the watermark (scored at once or skipped),
     * a spike, and watermarks every few readings.
     */
    private static List<Step> scenario(int n, long seed) {
        Random random = new Random(seed);
        List<Step> steps = new ArrayList<>();
        long maxTime = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            for (String d : new String[] {"a", "b", "c"}) {
                int at = i + (random.nextInt(5) == 0 ? -random.nextInt(6) : 0);
                double temp = 20 + Math.sin(at / 7.0) + random.nextGaussian() * 0.1 + (at == 3 * n / 4 ? 15 : 0);
                Reading r = reading(d, at, temp, 1200 + random.nextGaussian() * 3);
                steps.add(new Step(r, 0));
                maxTime = Math.max(maxTime, r.eventTime);
            }
            if (i % 3 == 2) {
                steps.add(new Step(null, maxTime - 3 * STEP));
            }
        }
        steps.add(new Step(null, maxTime));
        return steps;
    }

    private static List<String> described(List<AnomalyEvent> events) {
        return events.stream().map(e -> e.deviceId + "@" + e.eventTime + ":" + e.score + ":" + e.grade).sorted()
                .collect(Collectors.toList());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void restoringAtEveryStepGivesTheScoresOfAnUninterruptedRun(StateBackend backend) throws Exception {
        List<Step> steps = scenario(400, 11);
        List<AnomalyEvent> uninterrupted;
        try (KeyedOneInputStreamOperatorTestHarness<String, Reading, AnomalyEvent> h = harness(backend)) {
            for (Step s : steps) {
                s.apply(h);
            }
            uninterrupted = h.extractOutputValues();
        }
        // the scenario must reach the point where models are warm and grade readings, or this proves nothing
        assertThat(uninterrupted).isNotEmpty();

        List<AnomalyEvent> restored = new ArrayList<>();
        OperatorSubtaskState snapshot = null;
        long checkpoint = 0;
        // Models must mature before they grade, so the first two thirds restore every 20 steps and the rest, with
        // the spike, the late readings and most graded readings, at every step.
        int everyStepFrom = steps.size() * 2 / 3;
        int i = 0;
        while (i < steps.size()) {
            int until = i < everyStepFrom ? Math.min(i + 20, everyStepFrom) : i + 1;
            try (KeyedOneInputStreamOperatorTestHarness<String, Reading, AnomalyEvent> h =
                    harness(backend, 0, snapshot)) {
                for (; i < until; i++) {
                    steps.get(i).apply(h);
                }
                snapshot = checkpoint(h, ++checkpoint);
                restored.addAll(h.extractOutputValues());
            }
        }
        assertThat(described(restored)).containsExactlyElementsOf(described(uninterrupted));
    }

    @Test
    void aCacheTooSmallForTheFleetWritesModelsBackAndScoresTheSame() throws Exception {
        List<Step> steps = scenario(400, 5);
        EmbeddedRocksDBStateBackend rocksDb = new EmbeddedRocksDBStateBackend();
        List<AnomalyEvent> roomy;
        try (KeyedOneInputStreamOperatorTestHarness<String, Reading, AnomalyEvent> h = harness(rocksDb, 0, null)) {
            for (Step s : steps) {
                s.apply(h);
            }
            roomy = h.extractOutputValues();
        }
        List<AnomalyEvent> cramped;
        try (KeyedOneInputStreamOperatorTestHarness<String, Reading, AnomalyEvent> h = harness(rocksDb, 1, null)) {
            for (Step s : steps) {
                s.apply(h);
            }
            cramped = h.extractOutputValues();
            // a one-byte budget admits no model: every reading decodes its model from state and writes it back
            StateCache<DeviceModel> cache = ((AnomalyOperator) h.getOperator()).cacheForTest();
            assertThat(cache.size()).isZero();
            assertThat(cache.bypassed).isGreaterThan(steps.size() / 2);
        }
        assertThat(roomy).isNotEmpty();
        assertThat(described(cramped)).containsExactlyElementsOf(described(roomy));
    }
}
