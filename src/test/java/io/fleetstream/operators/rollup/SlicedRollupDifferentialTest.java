package io.fleetstream.operators.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.Rollup;
import io.fleetstream.operators.rollup.RollupRig.Emitted;
import io.fleetstream.operators.rollup.RollupRig.Windows;
import io.fleetstream.operators.rollup.RollupScenario.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sliced operator against the oracle, the two Flink window operators it replaces, on seeded random streams:
 * after every reading and every watermark both have emitted the same rollups (as a multiset) and the same late
 * readings, and at the end the sliced operator holds no state and no timer.
 */
class SlicedRollupDifferentialTest {
    private static final int SEEDS = 12;
    private static final int STEPS = 600;
    private static final double FLOATING_POINT = 1e-9;

    static Stream<Arguments> configurations() {
        List<Windows> windows = List.of(
                Windows.DEFAULT,
                new Windows(min(1), sliding(5, 1), Duration.ZERO),
                new Windows(min(1), sliding(5, 1), Duration.ofSeconds(90)),
                new Windows(min(2), sliding(6, 3), Duration.ofMinutes(1)),
                new Windows(min(10), sliding(5, 1), Duration.ofMinutes(2)),
                new Windows(WindowSpec.tumbling(Duration.ofSeconds(45)),
                        WindowSpec.sliding(Duration.ofMinutes(2), Duration.ofSeconds(30)), Duration.ofSeconds(20)));
        List<Arguments> out = new ArrayList<>();
        for (Windows w : windows) {
            for (long seed = 1; seed <= SEEDS; seed++) {
                out.add(Arguments.of(w, seed));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("configurations")
    void emitsWhatTheWindowOperatorsEmitAfterEveryStep(Windows w, long seed) throws Exception {
        compare(w, seed, new HashMapStateBackend());
    }

    /** RocksDB hands the slices back in key-byte order, and every access goes through the serializers. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2})
    void emitsWhatTheWindowOperatorsEmitOnRocksDb(long seed) throws Exception {
        compare(Windows.DEFAULT, seed, RollupRig.rocksDb());
    }

    private static void compare(Windows w, long seed, StateBackend backend) throws Exception {
        List<Step> steps = new ArrayList<>(RollupScenario.random(seed, STEPS, w));
        steps.add(Step.watermark(Long.MAX_VALUE)); // the end of a bounded input
        List<StreamRecord<Rollup>> all = new ArrayList<>();
        int late = 0;
        try (RollupRig oracle = RollupRig.oracle(w); RollupRig sliced = RollupRig.sliced(w, backend)) {
            for (int i = 0; i < steps.size(); i++) {
                Emitted expected = oracle.step(steps.get(i));
                Emitted actual = sliced.step(steps.get(i));
                String context = "step " + i + " " + steps.get(i);
                RollupOutputs.assertSameRollups(context, expected.rollups(), actual.rollups(), FLOATING_POINT);
                RollupOutputs.assertSameReadings(context, expected.late(), actual.late());
                all.addAll(actual.rollups());
                late += actual.late().size();
            }
            RollupOutputs.assertRevisionsUnique(all);
            if (backend instanceof HashMapStateBackend) { // the harness counts heap state only
                assertThat(sliced.keyedStateEntries()).as("keyed state left").isZero();
                assertThat(sliced.eventTimeTimers()).as("timers left").isZero();
            }
        }
        // the scenario must exercise what it claims to: late readings, and re-fired windows where lateness allows
        assertThat(late).isPositive();
        if (!w.lateness().isZero()) {
            assertThat(all).anySatisfy(r -> assertThat(r.getValue().revision).isPositive());
        }
    }

    private static WindowSpec min(int m) {
        return WindowSpec.tumbling(Duration.ofMinutes(m));
    }

    private static WindowSpec sliding(int size, int slide) {
        return WindowSpec.sliding(Duration.ofMinutes(size), Duration.ofMinutes(slide));
    }
}
