package io.fleetstream.operators.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.Reading;
import io.fleetstream.model.Rollup;
import io.fleetstream.operators.rollup.RollupRig.Windows;
import io.fleetstream.operators.rollup.RollupScenario.Step;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.junit.jupiter.api.Test;

/** State and timers of the sliced operator (its output is held to the window operators' elsewhere). */
class SlicedRollupOperatorTest {
    private static final long T0 = RollupScenario.T0;
    private static final long MINUTE = 60_000;

    @Test
    void keepsOneTimerPerDeviceAndSliceWhereTheWindowOperatorsKeepOnePerWindow() throws Exception {
        try (RollupRig sliced = RollupRig.sliced(Windows.DEFAULT, new HashMapStateBackend());
                RollupRig oracle = RollupRig.oracle(Windows.DEFAULT)) {
            for (long t = T0; t < T0 + 10 * MINUTE; t += 10_000) {
                sliced.step(reading(t));
                oracle.step(reading(t));
            }
            assertThat(sliced.eventTimeTimers()).isEqualTo(10);
            // fire and cleanup timers of 10 tumbling and 14 sliding windows
            assertThat(oracle.eventTimeTimers()).isEqualTo(2 * (10 + 14));
        }
    }

    @Test
    void slicesArePurgedOnceNoWindowHoldingThemCanChange() throws Exception {
        try (RollupRig rig = RollupRig.sliced(Windows.DEFAULT, new HashMapStateBackend())) {
            rig.step(reading(T0 + 30_000));
            // the last window holding the slice, [T0, T0 + 5m), is cleaned up at its end - 1 + 2m
            long purge = T0 + 5 * MINUTE - 1 + 2 * MINUTE;
            rig.step(Step.watermark(purge - 1));
            assertThat(rig.keyedStateEntries()).isPositive();
            assertThat(rig.eventTimeTimers()).isEqualTo(1);
            rig.step(Step.watermark(purge));
            assertThat(rig.keyedStateEntries()).isZero();
            assertThat(rig.eventTimeTimers()).isZero();
        }
    }

    @Test
    void sliceIsTheGreatestCommonDivisorOfSizesAndSlides() {
        Slicing s = new Slicing(List.of(WindowSpec.tumbling(Duration.ofSeconds(45)),
                WindowSpec.sliding(Duration.ofMinutes(2), Duration.ofSeconds(30))), Duration.ZERO);
        assertThat(s.slice()).isEqualTo(15_000);
        assertThat(new Slicing(List.of(Windows.DEFAULT.tumbling(), Windows.DEFAULT.sliding()), Duration.ZERO).slice())
                .isEqualTo(MINUTE);
    }

    @Test
    void stateAndOutputAreFlinkPojosNotKryo() {
        assertThat(TypeInformation.of(MetricStats.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(Rollup.class)).isInstanceOf(PojoTypeInfo.class);
    }

    private static Step reading(long t) {
        return new Step(new Reading("d1", "g", t, null, new String[] {"temp", "fuel"}, new double[] {1, 2}), t);
    }
}
