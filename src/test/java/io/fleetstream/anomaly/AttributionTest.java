package io.fleetstream.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AttributionTest {

    private static AnomalyDetector trained(Random r) {
        AnomalyDetector d = AnomalyDetector.builder().inputs(3).shingleSize(2).seed(9).build();
        for (int i = 0; i < 3000; i++) {
            d.process(new double[] {20 + r.nextGaussian(), 50 + r.nextGaussian(), 5 + 0.1 * r.nextGaussian()});
        }
        return d;
    }

    @Test
    void attributionPointsAtTheMetricThatWentUp() {
        Random r = new Random(1);
        AnomalyDetector d = trained(r);
        Result res = d.process(new double[] {20, 65, 5});
        assertThat(res.grade()).isPositive();
        assertThat(res.topInput()).isEqualTo(1);
        assertThat(res.topInputHigh()).isTrue();
        assertThat(res.attribution()[1]).isGreaterThan(0.8);
        assertThat(res.attributionLow()[1]).isLessThan(res.attributionHigh()[1]);
    }

    @Test
    void attributionPointsAtTheMetricThatWentDown() {
        Random r = new Random(2);
        AnomalyDetector d = trained(r);
        Result res = d.process(new double[] {20, 50, 2});
        assertThat(res.grade()).isPositive();
        assertThat(res.topInput()).isEqualTo(2);
        assertThat(res.topInputHigh()).isFalse();
    }

    @Test
    void attributionSharesAddUpToTheScore() {
        Random r = new Random(3);
        AnomalyDetector d = AnomalyDetector.builder().inputs(3).shingleSize(2).seed(9).alwaysAttribute(true).build();
        Result res = null;
        for (int i = 0; i < 500; i++) {
            res = d.process(new double[] {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()});
        }
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            sum += res.attributionHigh()[i] + res.attributionLow()[i];
        }
        assertThat(sum).isCloseTo(res.score(), org.assertj.core.data.Offset.offset(1e-6 * (1 + res.score())));
    }
}
