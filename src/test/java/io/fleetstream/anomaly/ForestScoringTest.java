package io.fleetstream.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ForestScoringTest {

    @Test
    void knownOutliersScoreAboveInliers() {
        AnomalyDetector d = AnomalyDetector.builder().inputs(2).seed(1).build();
        Random r = new Random(3);
        for (int i = 0; i < 2000; i++) {
            d.process(new double[] {r.nextGaussian(), r.nextGaussian()});
        }
        // score fresh inliers and outliers against the same model, each before it is learned
        double[] inlier = new double[200];
        for (int i = 0; i < inlier.length; i++) {
            AnomalyDetector copy = AnomalyDetector.decode(d.encode());
            inlier[i] = copy.process(new double[] {r.nextGaussian(), r.nextGaussian()}).score();
        }
        Arrays.sort(inlier);
        double p99 = inlier[(int) (0.99 * inlier.length)];
        double[][] outliers = {{8, 8}, {-7, 0}, {0, 9}, {6, -6}};
        for (double[] o : outliers) {
            AnomalyDetector copy = AnomalyDetector.decode(d.encode());
            Result res = copy.process(o);
            assertThat(res.score()).as("score of %s", Arrays.toString(o)).isGreaterThan(p99 * 1.5);
            assertThat(res.grade()).as("grade of %s", Arrays.toString(o)).isPositive();
        }
        assertThat(inlier[inlier.length / 2]).as("median inlier score").isBetween(0.4, 1.5);
    }

    @Test
    void scoresAreZeroAndUngradedDuringWarmUp() {
        AnomalyDetector d = AnomalyDetector.builder().inputs(1).shingleSize(4).outputAfter(50).build();
        for (int i = 0; i < 53; i++) {
            Result r = d.process(new double[] {i % 7});
            assertThat(r.score()).isZero();
            assertThat(r.grade()).isZero();
            assertThat(r.warm()).isFalse();
        }
        assertThat(d.process(new double[] {1}).score()).isPositive();
    }
}
