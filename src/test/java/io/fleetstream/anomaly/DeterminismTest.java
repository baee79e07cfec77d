package io.fleetstream.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    private static double[] run(long seed) {
        AnomalyDetector d = AnomalyDetector.builder().inputs(2).shingleSize(3).seed(seed).build();
        Random r = new Random(8);
        double[] scores = new double[3000];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = d.process(new double[] {r.nextGaussian(), Math.sin(i / 10.0)}).score();
        }
        return scores;
    }

    @Test
    void sameSeedGivesTheSameScores() {
        assertThat(run(123)).isEqualTo(run(123));
    }

    @Test
    void differentSeedsGiveDifferentForests() {
        assertThat(run(123)).isNotEqualTo(run(124));
    }
}
