package io.fleetstream.anomaly.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReservoirsTest {

    /**
     * The cached refusal bound (kept across evictions, refreshed every BOUND_WINDOW points) must never change a
     * decision: every point is taken exactly when its key is below the reservoir's largest, and in the end each
     * reservoir holds the capacity smallest keys of all points, as a brute-force sort of every key says.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0, 1e-4, 0.01})
    void takesExactlyThePointsWithTheSmallestKeys(double timeDecay) {
        int trees = 3;
        int capacity = 32;
        int points = 5000;
        Reservoirs res = new Reservoirs(trees, capacity, timeDecay, 11);
        for (long s = 0; s < points; s++) {
            for (int t = 0; t < trees; t++) {
                boolean exact = !res.isFull(t) || res.keyOf(t, s) < res.maxKey[t];
                double k = res.keyIfTaken(t, s);
                assertThat(!Double.isNaN(k)).as("tree %d point %d taken", t, s).isEqualTo(exact);
                if (exact) {
                    assertThat(k).isEqualTo(res.keyOf(t, s));
                    int i = res.isFull(t) ? replace(res, t, s, k) : res.add(t, s, k);
                    res.slot[t * capacity + i] = (int) s;
                }
            }
        }
        for (int t = 0; t < trees; t++) {
            int tree = t;
            long[] smallest = java.util.stream.LongStream.range(0, points).boxed()
                    .sorted((a, b) -> Double.compare(res.keyOf(tree, a), res.keyOf(tree, b))).limit(capacity)
                    .mapToLong(Long::longValue).sorted().toArray();
            Set<Long> held = new HashSet<>();
            for (int e = 0; e < res.count[t]; e++) {
                held.add(res.seq[t * capacity + e]);
            }
            long[] heldSorted = held.stream().mapToLong(Long::longValue).sorted().toArray();
            assertThat(heldSorted).as("tree %d", t).isEqualTo(smallest);
            assertThat(res.maxKey[t]).isEqualTo(Arrays.stream(smallest).mapToDouble(s -> res.keyOf(tree, s)).max()
                    .getAsDouble());
        }
    }

    private static int replace(Reservoirs res, int t, long s, double k) {
        res.maxSlot(t);
        return res.replaceMax(t, s, k);
    }
}
