package io.fleetstream.operators.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.Reading;
import io.fleetstream.model.Rollup;
import io.fleetstream.operators.rollup.RollupRig.Emitted;
import io.fleetstream.operators.rollup.RollupRig.Windows;
import io.fleetstream.operators.rollup.RollupScenario.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Restores lose the watermark (Flink starts it again from Long.MIN_VALUE, FLINK-5601): the operator must still
 * take the same decisions as a run that never stopped. Restored harnesses get no watermark before the next step,
 * as a job's operators get none until the sources emit one.
 */
class SlicedRollupRestoreTest {
    private static final long T0 = RollupScenario.T0;
    private static final Windows W = Windows.DEFAULT;

    static Stream<Arguments> backendsAndSeeds() {
        List<Arguments> out = new ArrayList<>();
        for (long seed : new long[] {3, 8, 13}) {
            out.add(Arguments.of("heap", (Supplier<StateBackend>) HashMapStateBackend::new, seed));
        }
        // a RocksDB restore takes a fifth of a second: one scenario
        out.add(Arguments.of("rocksdb", (Supplier<StateBackend>) RollupRig::rocksDb, 3L));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, seed {2}")
    @MethodSource("backendsAndSeeds")
    void restoringAfterEveryStepEmitsWhatAnUninterruptedRunEmits(String name, Supplier<StateBackend> backend,
            long seed) throws Exception {
        List<Step> steps = new ArrayList<>(RollupScenario.random(seed, 160, W));
        steps.add(Step.watermark(Long.MAX_VALUE));
        List<StreamRecord<Rollup>> all = new ArrayList<>();
        int late = 0;
        RollupRig restarted = RollupRig.sliced(W, backend.get());
        try (RollupRig uninterrupted = RollupRig.sliced(W, backend.get())) {
            for (int i = 0; i < steps.size(); i++) {
                Emitted expected = uninterrupted.step(steps.get(i));
                Emitted actual = restarted.step(steps.get(i));
                String context = name + " step " + i + " " + steps.get(i);
                // the same slices merged in the same order: equal to the last bit
                RollupOutputs.assertSameRollups(context, expected.rollups(), actual.rollups(), 0);
                RollupOutputs.assertSameReadings(context, expected.late(), actual.late());
                all.addAll(actual.rollups());
                late += actual.late().size();
                OperatorSubtaskState snapshot = restarted.snapshot(i);
                restarted.close();
                restarted = RollupRig.sliced(W, backend.get(), snapshot);
            }
            if (name.equals("heap")) { // the harness counts entries of heap state only
                assertThat(restarted.keyedStateEntries()).isZero();
            }
        } finally {
            restarted.close();
        }
        RollupOutputs.assertRevisionsUnique(all);
        assertThat(late).isPositive();
        assertThat(all).anySatisfy(r -> assertThat(r.getValue().revision).isPositive());
    }

    @Test
    void lateReadingAfterRestoreGoesToLateOutputNotANewWindow() throws Exception {
        OperatorSubtaskState snapshot;
        try (RollupRig rig = RollupRig.sliced(W, new HashMapStateBackend())) {
            rig.step(reading(T0 + 30_000));
            rig.step(Step.watermark(T0 + 60_000 + 120_000)); // the 1m window [T0, T0 + 1m) is purged
            snapshot = rig.snapshot(1);
        }
        try (RollupRig rig = RollupRig.sliced(W, new HashMapStateBackend(), snapshot)) {
            Emitted out = rig.step(reading(T0 + 40_000));
            assertThat(out.late()).extracting(StreamRecord::getValue).containsExactly(reading(T0 + 40_000).reading());
            // only sliding windows still open re-fire; the tumbling one does not open again
            assertThat(out.rollups()).extracting(r -> r.getValue().windowSpec).containsOnly("5m/1m");
            assertThat(out.rollups()).extracting(r -> r.getValue().revision).containsOnly(1);
        }
    }

    @Test
    void revisionsContinueAcrossARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (RollupRig rig = RollupRig.sliced(W, new HashMapStateBackend())) {
            rig.step(reading(T0 + 30_000));
            rig.step(Step.watermark(T0 + 90_000));
            assertThat(tumbling(rig.step(reading(T0 + 40_000)))).extracting(r -> r.revision).containsExactly(1);
            snapshot = rig.snapshot(1);
        }
        try (RollupRig rig = RollupRig.sliced(W, new HashMapStateBackend(), snapshot)) {
            // before any watermark: the window fired already, so the reading fires it again
            List<Rollup> refired = tumbling(rig.step(reading(T0 + 50_000)));
            assertThat(refired).extracting(r -> r.revision).containsExactly(2);
            assertThat(refired).extracting(r -> r.count).containsExactly(3L);
        }
    }

    private static List<Rollup> tumbling(Emitted out) {
        List<Rollup> rows = new ArrayList<>();
        for (StreamRecord<Rollup> r : out.rollups()) {
            if (r.getValue().windowSpec.equals("1m")) {
                rows.add(r.getValue());
            }
        }
        return rows;
    }

    private static Step reading(long t) {
        return new Step(new Reading("d1", "g", t, null, new String[] {"temp"}, new double[] {t % 1000}), t);
    }
}
