package io.fleetstream.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ThresholderTest {

    @Test
    void tinyChangeAfterLongConstantStretchIsNotAnAnomaly() {
        AnomalyDetector d = AnomalyDetector.builder().shingleSize(4).build();
        for (int i = 0; i < 5000; i++) {
            d.process(new double[] {10.0});
        }
        double maxGrade = 0;
        double maxRaw = 0;
        for (double v : new double[] {10.01, 10.0, 9.995, 10.0, 10.02, 10.0}) {
            Result r = d.process(new double[] {v});
            maxGrade = Math.max(maxGrade, r.grade());
            maxRaw = Math.max(maxRaw, r.score());
            assertThat(r.anomalyScore()).isLessThan(0.5);
        }
        assertThat(maxGrade).isZero();
        // the forest alone would call it an anomaly: that is the AWS randomcutforest issue #400 behaviour
        assertThat(maxRaw).isGreaterThan(2);
    }

    @Test
    void realChangeAfterLongConstantStretchIsAnAnomaly() {
        AnomalyDetector d = AnomalyDetector.builder().shingleSize(4).build();
        for (int i = 0; i < 5000; i++) {
            d.process(new double[] {10.0});
        }
        assertThat(d.process(new double[] {12.0}).grade()).isPositive();
    }

    @Test
    void gradedShareOfNoiseStaysNearTheExpectedRate() {
        for (double rate : new double[] {0.005, 0.02}) {
            AnomalyDetector d = AnomalyDetector.builder().anomalyRate(rate).build();
            Random r = new Random(21);
            int graded = 0;
            int n = 20000;
            for (int i = 0; i < n; i++) {
                Result res = d.process(new double[] {r.nextGaussian()});
                if (res.grade() > 0) {
                    graded++;
                }
                assertThat(res.grade()).isBetween(0.0, 1.0);
                assertThat(res.anomalyScore()).isBetween(0.0, 1.0);
            }
            assertThat((double) graded / n).as("graded share at rate %s", rate).isLessThan(3 * rate);
        }
    }
}
