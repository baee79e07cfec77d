package io.fleetstream.operators.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.operators.internal.StateCache;
import io.fleetstream.model.AnomalyEvent;
import io.fleetstream.model.Reading;
import io.fleetstream.testing.NoKryo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.metrics.Counter;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.CheckpointType;
import org.apache.flink.runtime.checkpoint.SavepointType;
import org.apache.flink.runtime.checkpoint.SnapshotType;
import org.apache.flink.runtime.checkpoint.StateObjectCollection;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.runtime.state.KeyGroupsSavepointStateHandle;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.memory.ByteStreamStateHandle;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
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
        NoKryo.on(h.getExecutionConfig());
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
            NoKryo.on(h.getExecutionConfig());
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
        assertRestoringAtEveryStepScoresAsAnUninterruptedRun(backend, 0);
    }

    @Test
    void restoringAtEveryStepWithCompactedModelsGivesTheScoresOfAnUninterruptedRoomyRun() throws Exception {
        // 40 KB holds few models, if any: past half of it every model that scores is compacted, and most are
        // decoded and encoded for their reading
        assertRestoringAtEveryStepScoresAsAnUninterruptedRun(new EmbeddedRocksDBStateBackend(), 40_000);
    }

    private void assertRestoringAtEveryStepScoresAsAnUninterruptedRun(StateBackend backend, long cacheBytes)
            throws Exception {
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
        long compacted = 0;
        OperatorSubtaskState snapshot = null;
        long checkpoint = 0;
        // Models must mature before they grade, so the first two thirds restore every 20 steps and the rest, with
        // the spike, the late readings and most graded readings, at every step.
        int everyStepFrom = steps.size() * 2 / 3;
        int i = 0;
        while (i < steps.size()) {
            int until = i < everyStepFrom ? Math.min(i + 20, everyStepFrom) : i + 1;
            try (KeyedOneInputStreamOperatorTestHarness<String, Reading, AnomalyEvent> h =
                    harness(backend, cacheBytes, snapshot)) {
                for (; i < until; i++) {
                    steps.get(i).apply(h);
                }
                compacted += ((AnomalyOperator) h.getOperator()).compactedForTest();
                snapshot = checkpoint(h, ++checkpoint);
                restored.addAll(h.extractOutputValues());
            }
        }
        assertThat(described(restored)).containsExactlyElementsOf(described(uninterrupted));
        // a tight cache compacts the models it scores, and a decoded model starts with every box again
        if (cacheBytes > 0) {
            assertThat(compacted).isGreaterThan(steps.size() / 20);
        } else {
            assertThat(compacted).isZero();
        }
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

    @Test
    void aCacheFilledPastHalfCompactsModelsUntilUnderHalfAndTheyScoreTheSame() throws Exception {
        List<Step> steps = scenario(400, 5);
        EmbeddedRocksDBStateBackend rocksDb = new EmbeddedRocksDBStateBackend();
        List<AnomalyEvent> roomy;
        long fleetBytes;
        try (KeyedOneInputStreamOperatorTestHarness<String, Reading, AnomalyEvent> h = harness(rocksDb, 0, null)) {
            for (Step s : steps) {
                s.apply(h);
            }
            roomy = h.extractOutputValues();
            StateCache<DeviceModel> cache = ((AnomalyOperator) h.getOperator()).cacheForTest();
            fleetBytes = cache.weight();
            // a roomy cache is never half full here: its models keep every box
            assertThat(cache.peek("a").value.detector.isCompact()).isFalse();
        }
        List<AnomalyEvent> tight;
        try (KeyedOneInputStreamOperatorTestHarness<String, Reading, AnomalyEvent> h =
                harness(rocksDb, fleetBytes * 3 / 2, null)) {
            for (Step s : steps) {
                s.apply(h);
            }
            tight = h.extractOutputValues();
            StateCache<DeviceModel> cache = ((AnomalyOperator) h.getOperator()).cacheForTest();
            // the fleet fits, but past half the budget a model that scores gives up most of its boxes, until the
            // cache is under half again
            long compact = Stream.of("a", "b", "c").filter(d -> cache.peek(d).value.detector.isCompact()).count();
            assertThat(compact).isBetween(1L, 2L);
            assertThat(cache.bypassed).isZero();
            assertThat(cache.weight()).isLessThan(fleetBytes);
        }
        assertThat(roomy).isNotEmpty();
        assertThat(described(tight)).containsExactlyElementsOf(described(roomy));
    }

    /** The model of {@code key} as keyed state holds it (after a checkpoint: what the checkpoint holds). */
    private static DeviceModel storedModel(KeyedOneInputStreamOperatorTestHarness<String, Reading, AnomalyEvent> h,
            String key) throws Exception {
        AbstractStreamOperator<AnomalyEvent> operator = h.getOperator();
        operator.setCurrentKey(key);
        ValueState<DeviceModel> state = operator.getKeyedStateBackend().getPartitionedState(VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE, new ValueStateDescriptor<>("model", DeviceModelSerializer.INSTANCE));
        return state.value();
    }

    /** The snapshot with {@code model}, which it must hold exactly once, replaced by {@code changed}. */
    private static OperatorSubtaskState withModelReplaced(OperatorSubtaskState snapshot, byte[] model,
            byte[] changed) {
        byte[] data = keyedStateBytes(snapshot).clone();
        int at = indexOf(data, model, 0);
        assertThat(at).as("the model is in the snapshot").isNotNegative();
        assertThat(indexOf(data, model, at + 1)).as("once").isNegative();
        System.arraycopy(changed, 0, data, at, changed.length);
        KeyGroupsStateHandle keyed = (KeyGroupsStateHandle) snapshot.getManagedKeyedState().iterator().next();
        ByteStreamStateHandle stream = new ByteStreamStateHandle("changed-model", data);
        KeyedStateHandle replaced = keyed instanceof KeyGroupsSavepointStateHandle
                ? new KeyGroupsSavepointStateHandle(keyed.getGroupRangeOffsets(), stream)
                : new KeyGroupsStateHandle(keyed.getGroupRangeOffsets(), stream);
        return OperatorSubtaskState.builder().setManagedOperatorState(snapshot.getManagedOperatorState())
                .setRawOperatorState(snapshot.getRawOperatorState()).setRawKeyedState(snapshot.getRawKeyedState())
                .setManagedKeyedState(new StateObjectCollection<>(List.of(replaced))).build();
    }

    private static byte[] keyedStateBytes(OperatorSubtaskState snapshot) {
        assertThat(snapshot.getManagedKeyedState()).hasSize(1);
        KeyedStateHandle keyed = snapshot.getManagedKeyedState().iterator().next();
        assertThat(keyed).isInstanceOf(KeyGroupsStateHandle.class);
        return ((KeyGroupsStateHandle) keyed).asBytesIfInMemory().orElseThrow();
    }

    private static int indexOf(byte[] data, byte[] part, int from) {
        outer:
        for (int i = from; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A task environment whose operator metrics the test reads; managed memory as the harness's own has. */
    private static MockEnvironment environment(InterceptingOperatorMetricGroup operatorMetrics) {
        return new MockEnvironmentBuilder().setTaskName("anomaly").setManagedMemorySize(3 << 20)
                .setMetricGroup(new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                    // one of these two overrides the task's method on each Flink line (2.x added the map), so
                    // neither says @Override
                    public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name) {
                        return operatorMetrics;
                    }

                    public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name,
                            java.util.Map<String, String> variables) {
                        return operatorMetrics;
                    }
                }).build();
    }

    /** What is logged under a class's logger while this is open (tests log warnings and errors only). */
    private static final class CapturedWarnings extends AbstractAppender implements AutoCloseable {
        final List<String> messages = new CopyOnWriteArrayList<>();
        private final Logger logger;

        CapturedWarnings(Class<?> loggingClass) {
            super("captured-warnings", null, null, true, Property.EMPTY_ARRAY);
            logger = (Logger) LogManager.getLogger(loggingClass);
            start();
            logger.addAppender(this);
        }

        @Override
        public void append(LogEvent event) {
            messages.add(event.getMessage().getFormattedMessage());
        }

        @Override
        public void close() {
            logger.removeAppender(this);
            stop();
        }
    }

    /**
     * Snapshots that carry each model's bytes as the serializer wrote them: the heap backend's checkpoints, and
     * RocksDB's canonical savepoints (its checkpoints are SST files, whose blocks RocksDB checksums itself). The heap
     * backend decodes every model while it restores; RocksDB when the model is first read.
     */
    static Stream<Arguments> snapshotsHoldingModelBytes() {
        return Stream.of(Arguments.of(new HashMapStateBackend(), CheckpointType.CHECKPOINT),
                Arguments.of(new EmbeddedRocksDBStateBackend(), SavepointType.savepoint(SavepointFormatType.CANONICAL)));
    }

    @ParameterizedTest
    @MethodSource("snapshotsHoldingModelBytes")
    void aModelWithAFlippedBitInASnapshotIsResetCountedAndLoggedOnceAndTheJobGoesOn(StateBackend backend,
            SnapshotType type) throws Exception {
        OperatorSubtaskState checkpoint;
        byte[] model;
        try (KeyedOneInputStreamOperatorTestHarness<String, Reading, AnomalyEvent> h = harness(backend)) {
            for (int i = 0; i < 300; i++) {
                for (String d : new String[] {"d1", "d2"}) {
                    Reading r = reading(d, i, 20 + Math.sin(i / 7.0), 1200);
                    h.processElement(r, r.eventTime);
                }
                h.processWatermark(T0 + i * STEP);
            }
            h.prepareSnapshotPreBarrier(1);
            checkpoint = h.snapshotWithLocalState(1, 1, type).getJobManagerOwnedState();
            model = storedModel(h, "d1").detector.encode();
        }
        // one bit in the middle of d1's model: before the checksum such a model mostly decoded into another one
        byte[] flipped = model.clone();
        flipped[model.length / 2] ^= 0x10;
        OperatorSubtaskState corrupted = withModelReplaced(checkpoint, model, flipped);

        // a snapshot taken before d1's next reading keeps its model as stored: it is reset at its first use
        try (KeyedOneInputStreamOperatorTestHarness<String, Reading, AnomalyEvent> h = harness(backend, 0, corrupted)) {
            h.prepareSnapshotPreBarrier(2);
            corrupted = h.snapshotWithLocalState(2, 2, type).getJobManagerOwnedState();
            assertThat(indexOf(keyedStateBytes(corrupted), flipped, 0)).isNotNegative();
        }

        InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
        try (CapturedWarnings warnings = new CapturedWarnings(AbstractStreamOperator.class);
                MockEnvironment environment = environment(metrics);
                KeyedOneInputStreamOperatorTestHarness<String, Reading, AnomalyEvent> h =
                        new KeyedOneInputStreamOperatorTestHarness<>(new AnomalyOperator(SETTINGS, 0),
                                r -> r.deviceId, Types.STRING, environment)) {
            h.setStateBackend(backend);
                NoKryo.on(h.getExecutionConfig());
            h.initializeState(corrupted);
            h.open();
            for (int i = 300; i < 400; i++) {
                for (String d : new String[] {"d1", "d2"}) {
                    Reading r = reading(d, i, 20 + Math.sin(i / 7.0), 1200);
                    h.processElement(r, r.eventTime);
                }
                h.processWatermark(T0 + i * STEP);
            }
            checkpoint(h, 3);

            assertThat(((Counter) metrics.get("modelsReset")).getCount()).isEqualTo(1);
            assertThat(((Counter) metrics.get("readingsScored")).getCount()).as("every reading, both devices")
                    .isEqualTo(200);
            assertThat(warnings.messages).singleElement().asString().contains("'d1'").contains("checksum mismatch");
            assertThat(storedModel(h, "d1").detector.inputsSeen()).as("d1 learns again").isEqualTo(100);
            assertThat(storedModel(h, "d2").detector.inputsSeen()).as("d2 goes on").isEqualTo(400);
        }
    }
}
