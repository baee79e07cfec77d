package io.fleetstream.operators.rollup;

import io.fleetstream.model.Reading;
import io.fleetstream.model.Rollup;
import io.fleetstream.testing.NoKryo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/**
 * Rollup operators in test harnesses, driven step by step with the same input: either the sliced operator or the
 * oracle (the two window operators the pipeline had before, a tumbling one with the late output and a sliding one
 * without). Each {@link #step} returns what the step emitted, so runs compare watermark by watermark.
 */
final class RollupRig implements AutoCloseable {
    static final OutputTag<Reading> LATE = new OutputTag<Reading>("late-readings") {};

    /** The pipeline's rollup configuration. */
    record Windows(WindowSpec tumbling, WindowSpec sliding, Duration lateness) {
        static final Windows DEFAULT = new Windows(WindowSpec.tumbling(Duration.ofMinutes(1)),
                WindowSpec.sliding(Duration.ofMinutes(5), Duration.ofMinutes(1)), Duration.ofMinutes(2));

        @Override
        public String toString() {
            return tumbling + ", " + sliding + ", lateness " + WindowSpec.compact(lateness);
        }
    }

    /** What one step emitted: rollups and late readings, with their record timestamps. */
    record Emitted(List<StreamRecord<Rollup>> rollups, List<StreamRecord<Reading>> late) {}

    private final List<KeyedOneInputStreamOperatorTestHarness<String, Reading, Rollup>> harnesses = new ArrayList<>();

    private RollupRig() {}

    static RollupRig sliced(Windows w, StateBackend backend) throws Exception {
        return sliced(w, backend, null);
    }

    /** @param restored a snapshot of {@link #snapshot}, or null to start empty */
    static RollupRig sliced(Windows w, StateBackend backend, OperatorSubtaskState restored) throws Exception {
        RollupRig rig = new RollupRig();
        rig.harnesses.add(harness(Rollups.operator(w.tumbling(), w.sliding(), w.lateness(), LATE), backend, restored));
        return rig;
    }

    static RollupRig oracle(Windows w, StateBackend backend) throws Exception {
        RollupRig rig = new RollupRig();
        rig.harnesses.add(harness(windowOperator(w.tumbling(), w.lateness(), LATE), backend, null));
        rig.harnesses.add(harness(windowOperator(w.sliding(), w.lateness(), null), backend, null));
        return rig;
    }

    /**
     * RocksDB with its own default buffers: the harness gives it almost no managed memory, so it would flush its
     * memtable every few writes (and say so for every restore).
     */
    static EmbeddedRocksDBStateBackend rocksDb() {
        EmbeddedRocksDBStateBackend rocksDb = new EmbeddedRocksDBStateBackend();
        rocksDb.getMemoryConfiguration().setUseManagedMemory(false);
        return rocksDb;
    }

    static RollupRig oracle(Windows w) throws Exception {
        return oracle(w, new HashMapStateBackend());
    }

    Emitted step(RollupScenario.Step s) throws Exception {
        apply(s);
        return drain();
    }

    /** A step whose output is counted and dropped (a benchmark's). */
    int stepAndDiscard(RollupScenario.Step s) throws Exception {
        apply(s);
        int rollups = 0;
        for (KeyedOneInputStreamOperatorTestHarness<String, Reading, Rollup> h : harnesses) {
            for (Object o = h.getOutput().poll(); o != null; o = h.getOutput().poll()) {
                rollups += o instanceof StreamRecord ? 1 : 0;
            }
        }
        return rollups;
    }

    private void apply(RollupScenario.Step s) throws Exception {
        for (KeyedOneInputStreamOperatorTestHarness<String, Reading, Rollup> h : harnesses) {
            if (s.isWatermark()) {
                h.processWatermark(s.time());
            } else {
                h.processElement(s.reading(), s.time());
            }
        }
    }

    /** The sliced operator's state (a rig of one operator). */
    OperatorSubtaskState snapshot(long checkpointId) throws Exception {
        return only().snapshot(checkpointId, checkpointId);
    }

    int keyedStateEntries() {
        return harnesses.stream().mapToInt(KeyedOneInputStreamOperatorTestHarness::numKeyedStateEntries).sum();
    }

    int eventTimeTimers() {
        return harnesses.stream().mapToInt(KeyedOneInputStreamOperatorTestHarness::numEventTimeTimers).sum();
    }

    @Override
    public void close() throws Exception {
        for (KeyedOneInputStreamOperatorTestHarness<String, Reading, Rollup> h : harnesses) {
            h.close();
        }
    }

    private KeyedOneInputStreamOperatorTestHarness<String, Reading, Rollup> only() {
        if (harnesses.size() != 1) {
            throw new IllegalStateException("the oracle has two operators");
        }
        return harnesses.get(0);
    }

    @SuppressWarnings("unchecked")
    private Emitted drain() {
        List<StreamRecord<Rollup>> rollups = new ArrayList<>();
        List<StreamRecord<Reading>> late = new ArrayList<>();
        for (KeyedOneInputStreamOperatorTestHarness<String, Reading, Rollup> h : harnesses) {
            for (Object o = h.getOutput().poll(); o != null; o = h.getOutput().poll()) {
                if (o instanceof StreamRecord) {
                    rollups.add((StreamRecord<Rollup>) o);
                }
            }
            Queue<StreamRecord<Reading>> side = h.getSideOutput(LATE);
            for (StreamRecord<Reading> r = side == null ? null : side.poll(); r != null; r = side.poll()) {
                late.add(r);
            }
        }
        return new Emitted(rollups, late);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Reading, Rollup> harness(
            OneInputStreamOperator<Reading, Rollup> operator, StateBackend backend, OperatorSubtaskState restored)
            throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Reading, Rollup> h =
                new KeyedOneInputStreamOperatorTestHarness<>(operator, r -> r.deviceId, Types.STRING);
        // as pipeline.generic-types: false in the jobs: state that would need Kryo fails here
        NoKryo.on(h.getExecutionConfig());
        h.setStateBackend(backend);
        if (restored != null) {
            h.initializeState(restored);
        }
        h.open();
        return h;
    }

    /** The oracle's window operator exactly as the pipeline used to build it. */
    @SuppressWarnings("unchecked")
    static OneInputStreamOperator<Reading, Rollup> windowOperator(WindowSpec spec, Duration lateness,
            OutputTag<Reading> late) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        SingleOutputStreamOperator<Rollup> rollups = WindowRollups.window(
                env.fromData(TypeInformation.of(Reading.class), new Reading()).keyBy(r -> r.deviceId),
                spec, lateness, late);
        return ((OneInputTransformation<Reading, Rollup>) rollups.getTransformation()).getOperator();
    }
}
