package io.fleetstream.anomaly.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The lockstep pass over all trees gives each tree exactly the score a walk of that tree alone gives. */
class ScoreAllTest {

    @Test
    void walkingTreesTogetherScoresEachTreeAsWalkingItAlone() {
        // 4 dimensions (boxes not touched on the way down) and 16 (touched); coarse values make ties with the gap
        // edges and leaves of mass > 1; few points leave some trees empty or one leaf
        for (int dims : new int[] {4, 16}) {
            Forest f = new Forest(dims, 13, 32, 0.01, 7);
            Random r = new Random(dims);
            float[] q = new float[dims];
            double[] together = new double[f.numberOfTrees];
            for (int i = 0; i < 3000; i++) {
                fill(q, r, i);
                if (i % 3 == 0) {
                    f.trees.scoreAll(q, 0, together);
                    for (int t = 0; t < f.numberOfTrees; t++) {
                        assertThat(Double.doubleToRawLongBits(together[t]))
                                .as("dims %d, point %d, tree %d", dims, i, t)
                                .isEqualTo(Double.doubleToRawLongBits(f.trees.score(t, q, 0)));
                    }
                }
                f.update(q.clone());
            }
        }
    }

    @Test
    void emptyAndOneLeafTreesScoreAsAlone() {
        // every tree takes the first points: all trees are empty, then one leaf, then one leaf of mass 2
        Forest f = new Forest(2, 9, 8, 0, 3);
        float[] q = {3, 4};
        for (int step = 0; step < 3; step++) {
            double[] together = new double[f.numberOfTrees];
            java.util.Arrays.fill(together, Double.NaN);
            f.trees.scoreAll(q, 0, together);
            for (int t = 0; t < f.numberOfTrees; t++) {
                assertThat(f.trees.root[t] < 0).as("tree %d is empty or one leaf", t).isTrue();
                assertThat(together[t]).as("step %d, tree %d", step, t).isEqualTo(f.trees.score(t, q, 0));
            }
            f.update(new float[] {1, 2});
        }
    }

    private static void fill(float[] q, Random r, int i) {
        for (int j = 0; j < q.length; j++) {
            q[j] = i % 7 == 0 ? Math.round(r.nextGaussian() * 2) / 2f : (float) (r.nextGaussian() * (1 + j));
        }
    }
}
