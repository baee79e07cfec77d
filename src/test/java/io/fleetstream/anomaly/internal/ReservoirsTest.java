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
                double k = offer(res, t, s);
                assertThat(!Double.isNaN(k)).as("tree %d point %d taken", t, s).isEqualTo(exact);
                if (exact) {
                    assertThat(k).isEqualTo(res.keyOf(t, s));
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
                held.add(res.seq[t * res.stride + e]);
            }
            long[] heldSorted = held.stream().mapToLong(Long::longValue).sorted().toArray();
            assertThat(heldSorted).as("tree %d", t).isEqualTo(smallest);
            assertThat(res.maxKey[t]).isEqualTo(Arrays.stream(smallest).mapToDouble(s -> res.keyOf(tree, s)).max()
                    .getAsDouble());
        }
    }

    /**
     * A decoder derives which points a full reservoir holds from its largest key alone. For 80 trees, 69 of them
     * derived (more than the 64 one candidate mask covers) and the rest skipped, it must name exactly the points
     * whose key is at most that largest key, in ascending order, as the exact key test does pair by pair.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0, 1e-4, 0.01})
    void decoderMembershipEqualsTheExactKeyTest(double timeDecay) {
        Reservoirs res = new Reservoirs(80, 32, timeDecay, 5);
        int trees = res.trees;
        int points = 3000;
        java.util.stream.LongStream.range(0, points).forEach(s -> java.util.stream.IntStream.range(0, trees)
                .forEach(t -> offer(res, t, s)));
        long[] origins = java.util.stream.LongStream.range(0, points).toArray();
        boolean[] byKey = new boolean[trees];
        int[][] members = new int[trees][];
        for (int t = 0; t < trees; t++) {
            byKey[t] = t % 7 != 3;
            members[t] = new int[res.capacity];
        }
        int[] counts = res.membersByKey(origins, points, byKey, members);
        for (int t = 0; t < trees; t++) {
            int tree = t;
            int[] exact = byKey[t]
                    ? java.util.stream.IntStream.range(0, points).filter(i -> res.keyOf(tree, i) <= res.maxKey[tree])
                            .toArray()
                    : new int[0];
            assertThat(Arrays.copyOf(members[t], counts[t])).as("tree %d", t).isEqualTo(exact);
        }
    }

    /** Offers point s to tree t's reservoir as the forest does; returns its key if taken, else NaN. */
    private static double offer(Reservoirs res, int t, long s) {
        double k = res.keyIfTaken(t, s);
        if (!Double.isNaN(k)) {
            int i;
            if (res.isFull(t)) {
                res.maxSlot(t);
                i = res.replaceMax(t, s, k);
            } else {
                i = res.add(t, s, k);
            }
            res.slot[t * res.stride + i] = (int) s;
        }
        return k;
    }
}
