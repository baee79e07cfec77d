package io.fleetstream.operators.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.Reading;
import io.fleetstream.testing.NoKryo;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dedup restored from a snapshot after every step drops exactly the duplicates an uninterrupted run drops, including
 * a duplicate that arrives after the restore of a reading seen before it, and forgets ids after the retention.
 */
class DedupRestoreTest {
    private static final long T0 = 1_763_640_000_000L;
    private static final long RETENTION = 120_000L;

    static Stream<StateBackend> backends() {
        return Stream.of(new HashMapStateBackend(), new EmbeddedRocksDBStateBackend());
    }

    /** Readings with repeats (same seq and time, or no seq and the same values), and a watermark every few. */
    private static List<Object> scenario(long seed) {
        Random random = new Random(seed);
        List<Object> steps = new ArrayList<>();
        List<Reading> sent = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String device = "d" + random.nextInt(3);
            Reading r;
            if (!sent.isEmpty() && random.nextInt(4) == 0) {
                r = sent.get(random.nextInt(sent.size())); // a redelivery, sometimes past the retention
            } else {
                long t = T0 + i * 2_000L;
                Long seq = random.nextBoolean() ? (long) i : null;
                r = new Reading(device, "g", t, seq, new String[] {"temp"}, new double[] {random.nextInt(5)});
                sent.add(r);
            }
            steps.add(r);
            if (i % 5 == 4) {
                steps.add(T0 + i * 2_000L - 10_000L);
            }
        }
        return steps;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Reading, Reading> harness(StateBackend backend,
            OperatorSubtaskState from) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Reading, Reading> h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DedupFunction(RETENTION)), r -> r.deviceId, Types.STRING);
        NoKryo.on(h.getExecutionConfig());
        h.setStateBackend(backend);
        if (from != null) {
            h.initializeState(from);
        }
        h.open();
        return h;
    }

    private static void apply(KeyedOneInputStreamOperatorTestHarness<String, Reading, Reading> h, Object step)
            throws Exception {
        if (step instanceof Reading) {
            h.processElement((Reading) step, ((Reading) step).eventTime);
        } else {
            h.processWatermark((Long) step);
        }
    }

    private static List<String> passed(KeyedOneInputStreamOperatorTestHarness<String, Reading, Reading> h) {
        List<String> out = new ArrayList<>();
        for (Reading r : h.extractOutputValues()) {
            out.add(r.deviceId + "@" + r.eventTime + "#" + r.seq + "=" + r.values[0]);
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void restoringAfterEveryStepPassesWhatAnUninterruptedRunPasses(StateBackend backend) throws Exception {
        List<Object> steps = scenario(8);
        List<String> uninterrupted;
        try (KeyedOneInputStreamOperatorTestHarness<String, Reading, Reading> h = harness(backend, null)) {
            for (Object s : steps) {
                apply(h, s);
            }
            uninterrupted = passed(h);
        }
        long readings = steps.stream().filter(s -> s instanceof Reading).count();
        assertThat(uninterrupted.size()).as("some readings were dropped as duplicates").isLessThan((int) readings);

        List<String> restored = new ArrayList<>();
        OperatorSubtaskState snapshot = null;
        long id = 0;
        for (Object s : steps) {
            try (KeyedOneInputStreamOperatorTestHarness<String, Reading, Reading> h = harness(backend, snapshot)) {
                apply(h, s);
                h.prepareSnapshotPreBarrier(++id);
                snapshot = h.snapshot(id, id);
                restored.addAll(passed(h));
            }
        }
        assertThat(restored).containsExactlyElementsOf(uninterrupted);
    }
}
