package io.fleetstream.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodecRoundTripTest {

    private static double[] point(Random r, int inputs, int i) {
        double[] x = new double[inputs];
        for (int j = 0; j < inputs; j++) {
            x[j] = Math.sin(i * 0.1 + j) * 10 + r.nextGaussian();
            if (i % 97 == 0) {
                x[j] = Math.round(x[j]); // repeated values exercise leaves holding several points
            }
        }
        return x;
    }

    @ParameterizedTest(name = "inputs {0}, shingle {1}, after {2} points, time decay {3}")
    @CsvSource({"1, 1, 10, 0.001", "1, 4, 100, 0.001", "3, 4, 2500, 0.001", "2, 2, 4000, 0", "1, 8, 6000, 0.01"})
    void decodedModelScoresExactlyLikeTheOriginal(int inputs, int shingle, int warm, double decay) {
        AnomalyDetector a = AnomalyDetector.builder().inputs(inputs).shingleSize(shingle).sampleSize(64)
                .numberOfTrees(20).timeDecay(decay).seed(17).alwaysAttribute(true).build();
        Random r = new Random(4);
        for (int i = 0; i < warm; i++) {
            a.process(point(r, inputs, i));
        }
        byte[] bytes = a.encode();
        AnomalyDetector b = AnomalyDetector.decode(bytes);
        assertThat(b.encode()).isEqualTo(bytes);
        for (int i = warm; i < warm + 3000; i++) {
            double[] x = point(r, inputs, i);
            Result ra = a.process(x);
            Result rb = b.process(x);
            assertThat(Double.doubleToLongBits(rb.score())).as("score at %d", i)
                    .isEqualTo(Double.doubleToLongBits(ra.score()));
            assertThat(rb.grade()).isEqualTo(ra.grade());
            assertThat(rb.anomalyScore()).isEqualTo(ra.anomalyScore());
            assertThat(rb.attributionHigh()).isEqualTo(ra.attributionHigh());
            if (i % 1000 == 0) {
                // and again from a mid-stream copy of the copy
                b = AnomalyDetector.decode(b.encode());
            }
        }
        assertThat(b.encode()).isEqualTo(a.encode());
    }

    @Test
    void decodingIntoAReusedDetectorBehavesLikeAFreshDecode() {
        Random r = new Random(6);
        AnomalyDetector[] devices = new AnomalyDetector[3];
        byte[][] state = new byte[3][];
        for (int k = 0; k < devices.length; k++) {
            devices[k] = AnomalyDetector.builder().inputs(2).shingleSize(2).sampleSize(64).numberOfTrees(16).build();
            for (int i = 0; i < 200 + 700 * k; i++) {
                devices[k].process(point(r, 2, i));
            }
            state[k] = devices[k].encode();
        }
        // one scratch detector cycles through the keys, as a keyed operator would
        AnomalyDetector scratch = AnomalyDetector.builder().inputs(2).shingleSize(2).sampleSize(64).numberOfTrees(16)
                .build();
        for (int i = 0; i < 1500; i++) {
            int k = i % 3;
            double[] x = point(r, 2, i);
            AnomalyDetector d = AnomalyDetector.decode(state[k], scratch);
            assertThat(d).isSameAs(scratch);
            Result viaScratch = d.process(x);
            state[k] = d.encode();
            Result reference = devices[k].process(x);
            assertThat(viaScratch.score()).isEqualTo(reference.score());
            assertThat(viaScratch.anomalyScore()).isEqualTo(reference.anomalyScore());
        }
        for (int k = 0; k < 3; k++) {
            assertThat(state[k]).isEqualTo(devices[k].encode());
        }
        AnomalyDetector other = AnomalyDetector.builder().inputs(3).build();
        assertThat(AnomalyDetector.decode(state[0], other)).isNotSameAs(other);
    }

    @Test
    void defaultModelIsFarSmallerThanItsParts() {
        AnomalyDetector a = AnomalyDetector.builder().shingleSize(4).build();
        Random r = new Random(4);
        for (int i = 0; i < 10000; i++) {
            a.process(point(r, 1, i));
        }
        // 50 trees x 256 points: stored cut values alone would take 50 kB
        assertThat(a.encode().length).isLessThan(80_000);
    }

    @Test
    void unknownVersionIsRejectedWithAClearMessage() {
        byte[] bytes = AnomalyDetector.builder().build().encode();
        bytes[0] = 99;
        assertThatThrownBy(() -> AnomalyDetector.decode(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 99");
    }

    @Test
    void truncatedStateIsRejected() {
        AnomalyDetector a = AnomalyDetector.builder().build();
        for (int i = 0; i < 500; i++) {
            a.process(new double[] {i % 13});
        }
        byte[] bytes = a.encode();
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        assertThatThrownBy(() -> AnomalyDetector.decode(cut)).isInstanceOf(IllegalArgumentException.class);
    }
}
