package io.fleetstream.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DetectorApiTest {

    @Test
    void rejectedInputLeavesTheModelUnchanged() {
        AnomalyDetector a = AnomalyDetector.builder().inputs(2).shingleSize(3).build();
        AnomalyDetector b = AnomalyDetector.builder().inputs(2).shingleSize(3).build();
        for (int i = 0; i < 300; i++) {
            double[] x = {i % 5, i % 7};
            a.process(x);
            b.process(x);
        }
        assertThatThrownBy(() -> a.process(new double[] {1, Double.NaN})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("input 1");
        assertThatThrownBy(() -> a.process(new double[] {1e300, 0})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.process(new double[] {1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 2 inputs");
        assertThat(a.encode()).isEqualTo(b.encode());
    }

    @Test
    void builderNamesTheBadSetting() {
        assertThatThrownBy(() -> AnomalyDetector.builder().sampleSize(1)).hasMessageContaining("sampleSize");
        assertThatThrownBy(() -> AnomalyDetector.builder().anomalyRate(0.7)).hasMessageContaining("anomalyRate");
        assertThatThrownBy(() -> AnomalyDetector.builder().timeDecay(-1)).hasMessageContaining("timeDecay");
        assertThatThrownBy(() -> AnomalyDetector.builder().shingleSize(0)).hasMessageContaining("shingleSize");
    }

    @Test
    void attributionIsAbsentForUngradedPointsUnlessAskedFor() {
        AnomalyDetector quiet = AnomalyDetector.builder().build();
        AnomalyDetector always = AnomalyDetector.builder().alwaysAttribute(true).build();
        Result q = null;
        Result w = null;
        for (int i = 0; i < 200; i++) {
            q = quiet.process(new double[] {i % 3});
            w = always.process(new double[] {i % 3});
        }
        assertThat(q.grade()).isZero();
        assertThat(q.hasAttribution()).isFalse();
        assertThat(q.attribution()).isEmpty();
        assertThat(w.hasAttribution()).isTrue();
        assertThat(w.attribution()).hasSize(1);
        assertThat(q.score()).isEqualTo(w.score());
    }
}
