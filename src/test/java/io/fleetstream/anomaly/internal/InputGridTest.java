package io.fleetstream.anomaly.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class InputGridTest {

    @Test
    void stepIsAPowerOfTwoAtMostA64thOfTheFirstBlocksDeviation() {
        InputGrid g = new InputGrid(1);
        Random r = new Random(1);
        for (int i = 0; i < InputGrid.FIRST_BLOCK; i++) {
            assertThat(g.round(0, 100 + 8 * r.nextGaussian())).isNotNull();
            g.learn(new double[] {100 + 8 * r.nextGaussian()});
        }
        float step = g.step[0];
        assertThat(Integer.bitCount(Float.floatToIntBits(step) & 0x7FFFFF)).as("a power of two").isZero();
        assertThat((double) step).isBetween(8.0 / 64 / 4, 8.0 / 64);
        float v = g.round(0, 103.37);
        assertThat(InputGrid.onGrid(v, step)).isTrue();
        assertThat(Math.abs(v - 103.37)).isLessThanOrEqualTo(step / 2);
    }

    @Test
    void stepGetsFinerWhenTheInputCalmsButNeverCoarser() {
        InputGrid g = new InputGrid(1);
        Random r = new Random(2);
        feed(g, r, 10, InputGrid.FIRST_BLOCK);
        float noisy = g.step[0];
        feed(g, r, 0.1, InputGrid.BLOCK);
        float calm = g.step[0];
        assertThat(calm).isLessThanOrEqualTo(noisy / 64);
        // an earlier value is still on the finer grid
        assertThat(InputGrid.onGrid(noisy * 37, calm)).isTrue();
        feed(g, r, 1000, InputGrid.BLOCK);
        assertThat(g.step[0]).isEqualTo(calm);
    }

    @Test
    void constantFirstBlockGivesAProvisionalStepThatTheFirstSpreadReplaces() {
        InputGrid g = new InputGrid(1);
        for (int i = 0; i < InputGrid.FIRST_BLOCK; i++) {
            g.learn(new double[] {4.0});
        }
        assertThat(g.provisional[0]).isTrue();
        assertThat(g.round(0, 4.0)).isEqualTo(4.0f);
        feed(g, new Random(3), 2, InputGrid.BLOCK);
        assertThat(g.provisional[0]).isFalse();
        assertThat((double) g.step[0]).isBetween(2.0 / 64 / 4, 2.0 / 64);
    }

    @Test
    void valuesTooLargeForTheGridAndNegativeZeroStayAsTheyCame() {
        assertThat(InputGrid.onGrid(-0.0f, 0.25f)).isFalse();
        assertThat(InputGrid.onGrid(0.0f, 0.25f)).isTrue();
        assertThat(InputGrid.onGrid(0.3f, 0.25f)).isFalse();
        assertThat(InputGrid.onGrid((float) (0.25 * (1 << 25)), 0.25f)).isFalse();
        InputGrid g = new InputGrid(1);
        g.step[0] = 0.25f;
        assertThat(g.round(0, 1e9)).isEqualTo(1e9f);
        assertThat(g.round(0, -0.1)).isEqualTo(0.0f);
        assertThat(Float.floatToRawIntBits(g.round(0, -0.1))).isZero();
    }

    private static void feed(InputGrid g, Random r, double sd, int n) {
        for (int i = 0; i < n; i++) {
            double x = 50 + sd * r.nextGaussian();
            g.round(0, x);
            g.learn(new double[] {x});
        }
    }
}
