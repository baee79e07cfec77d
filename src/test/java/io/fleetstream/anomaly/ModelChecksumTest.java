package io.fleetstream.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.anomaly.internal.ModelCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A model in keyed state that has changed (a flipped bit, a cut) must be refused at decode, not read as another
 * model: before the checksum, most such changes decoded "fine" into different data or a forest that broke later.
 */
class ModelChecksumTest {
    /** A mature model at the production settings for 4 metrics: its reservoirs have turned over. */
    private static byte[] mature;

    @BeforeAll
    static void growMatureModel() {
        AnomalyDetector d = AnomalyDetector.builder().inputs(4).shingleSize(4).numberOfTrees(50).sampleSize(256)
                .seed(5).build();
        Random r = new Random(8);
        for (int i = 0; i < 3000; i++) {
            double[] x = new double[4];
            for (int j = 0; j < 4; j++) {
                x[j] = 10 * Math.sin(i * 2 * Math.PI / 50 + j) + 20 * j + r.nextGaussian();
            }
            d.process(x);
        }
        mature = d.encode();
    }

    @Test
    void everyModelWithOneToThreeFlippedBitsIsRefusedAtDecodeEvenWhenAlsoTruncated() {
        Random r = new Random(20_251_120L);
        int truncated = 0;
        for (int k = 0; k < 3000; k++) {
            byte[] mutant = mature.clone();
            int flips = 1 + r.nextInt(3);
            // distinct positions: flipping a bit twice would give back the original model
            r.ints(0, mature.length * 8).distinct().limit(flips)
                    .forEach(bit -> mutant[bit >>> 3] ^= (byte) (0x80 >>> (bit & 7)));
            byte[] stored = mutant;
            if (k % 5 == 4) {
                stored = Arrays.copyOf(mutant, r.nextInt(mutant.length));
                truncated++;
            }
            byte[] given = stored;
            int mutantNo = k;
            assertThatThrownBy(() -> AnomalyDetector.decode(given)).as("mutant %d (%d flips)", mutantNo, flips)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("corrupt model state");
        }
        assertThat(truncated).isEqualTo(600);
    }

    @Test
    void noFlipOfUpToThreeBitsInTheVersionByteTurnsANewModelIntoAnUncheckedOne() {
        assertThat(Integer.bitCount((ModelCodec.VERSION ^ ModelCodec.UNCHECKED_VERSION) & 0xFF))
                .isGreaterThanOrEqualTo(4);
        for (int mask = 1; mask < 256; mask++) {
            if (Integer.bitCount(mask) > 3) {
                continue;
            }
            byte[] mutant = mature.clone();
            mutant[0] ^= (byte) mask;
            assertThat(mutant[0]).isNotEqualTo(ModelCodec.UNCHECKED_VERSION);
            assertThatThrownBy(() -> AnomalyDetector.decode(mutant)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("corrupt model state");
        }
    }

    @Test
    void aModelCutJustBeforeItsChecksumOrWithinItIsRefusedAsCorrupt() {
        for (int cut = 1; cut <= 8; cut++) {
            byte[] given = Arrays.copyOf(mature, mature.length - cut);
            assertThatThrownBy(() -> AnomalyDetector.decode(given)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("checksum mismatch");
        }
        assertThatThrownBy(() -> AnomalyDetector.decode(Arrays.copyOf(mature, 20)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
    }

    /**
     * The points model-v3.bin learnt (0-1499) and was scored on (1500-1999). A triangle wave and noise rather than
     * Math.sin, whose last bit may differ between JVMs: these are the points the resource was made from.
     */
    private static double[] oldModelPoint(Random r, int i) {
        double tri = Math.abs((i % 40) - 20) / 4.0;
        return new double[] {tri + r.nextGaussian() * 0.3,
            50 - tri + r.nextGaussian() * 0.3 + (i == 1700 ? 12 : 0)};
    }

    /**
     * model-v3.bin and its scores were written by the build before the checksum (commit 074f80c; 2 inputs, shingle
     * 4, 20 trees, sample 64, seed 17, 1,500 points): checkpoints taken by that build must restore to the same model.
     */
    @Test
    void aModelWrittenBeforeTheChecksumStillDecodesAndScoresAsItDid() throws IOException {
        byte[] old = resource("model-v3.bin");
        assertThat(old[0]).isEqualTo(ModelCodec.UNCHECKED_VERSION);
        List<String> expected = new String(resource("model-v3-scores.txt"), StandardCharsets.US_ASCII).lines()
                .filter(l -> !l.startsWith("#")).collect(Collectors.toList());
        assertThat(expected).hasSize(500);

        AnomalyDetector d = AnomalyDetector.decode(old);
        Random r = new Random(23);
        for (int i = 0; i < 1500; i++) {
            oldModelPoint(r, i);
        }
        int graded = 0;
        for (int i = 1500; i < 2000; i++) {
            Result res = d.process(oldModelPoint(r, i));
            graded += res.grade() > 0 ? 1 : 0;
            assertThat(String.format("%x %x %x", Double.doubleToLongBits(res.score()),
                    Double.doubleToLongBits(res.grade()), Double.doubleToLongBits(res.anomalyScore())))
                    .as("point %d", i).isEqualTo(expected.get(i - 1500));
        }
        assertThat(graded).as("the old model still grades the spike").isPositive();
    }

    @Test
    void anOldModelIsWrittenBackAsTheSameBytesUnderTheNewVersionWithAChecksum() throws IOException {
        byte[] old = resource("model-v3.bin");
        byte[] rewritten = AnomalyDetector.decode(old).encode();
        assertThat(rewritten[0]).isEqualTo(ModelCodec.VERSION);
        assertThat(rewritten).hasSize(old.length + 4);
        assertThat(Arrays.copyOfRange(rewritten, 1, old.length)).isEqualTo(Arrays.copyOfRange(old, 1, old.length));
        assertThat(AnomalyDetector.decode(rewritten).encode()).isEqualTo(rewritten);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ModelChecksumTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
