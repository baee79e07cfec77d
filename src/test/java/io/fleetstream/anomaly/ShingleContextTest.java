package io.fleetstream.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ShingleContextTest {
    private static final int PERIOD = 40;
    private static final int JUMP_AT = 3000;

    /** A sine that jumps a quarter period ahead (from 0 to its peak): every value is normal, the sequence is not. */
    private static double value(int i, Random r) {
        double phase = i < JUMP_AT ? i : i + PERIOD / 4.0;
        return Math.sin(2 * Math.PI * phase / PERIOD) + 0.01 * r.nextGaussian();
    }

    /** Highest score in the few points after the jump divided by the highest score in the stretch before. */
    private static double jumpRatio(int shingle) {
        AnomalyDetector d = AnomalyDetector.builder().shingleSize(shingle).seed(5).build();
        Random r = new Random(11);
        double before = 0;
        double after = 0;
        for (int i = 0; i < JUMP_AT + shingle; i++) {
            double s = d.process(new double[] {value(i, r)}).score();
            if (i >= 1000 && i < JUMP_AT) {
                before = Math.max(before, s);
            } else if (i >= JUMP_AT) {
                after = Math.max(after, s);
            }
        }
        return after / before;
    }

    @Test
    void shingledSineCatchesPhaseJumpThatShingleOneMisses() {
        assertThat(jumpRatio(4)).as("shingle 4").isGreaterThan(1.5);
        assertThat(jumpRatio(1)).as("shingle 1").isLessThan(1.2);
    }
}
