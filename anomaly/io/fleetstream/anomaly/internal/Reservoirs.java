package io.fleetstream.anomaly.internal;

import java.util.Arrays;

/**
 * One time-decayed reservoir per tree. Point s gets, in tree t, the key log(E) - timeDecay * s with
 * E ~ Exp(1) drawn from a hash of (seed, t, s); a reservoir holds the {@code capacity} smallest keys seen,
 * which is weighted sampling without replacement with weights exp(timeDecay * s) (Efraimidis-Spirakis).
 * Keys are a pure function of (seed, t, s) (StrictMath, so the same on every JVM), so they are never stored: the codec writes each tree's
 * entries and its largest key, and the heap is rebuilt only when a decoded tree next evicts.
 */
final class Reservoirs {
    final int trees;
    final int capacity;
    final double timeDecay;
    private final long[] salt;
    private final int[] salt32;

    /**
     * Entries each reservoir has room for (tree t's entry i at t * stride + i): grown with the reservoirs, up to
     * capacity, so a young model does not pay for a full sample's room.
     */
    int stride;
    long[] seq;
    int[] slot;
    private double[] key;
    final int[] count;
    final double[] maxKey;
    final boolean[] heapOk;
    private final double[] refuseAtOrBelow;
    private final long[] refuseHighAtOrBelow;
    private final long[] boundUntil;

    Reservoirs(int trees, int capacity, double timeDecay, long seed) {
        this.trees = trees;
        this.capacity = capacity;
        this.timeDecay = timeDecay;
        salt = new long[trees];
        salt32 = new int[trees];
        for (int t = 0; t < trees; t++) {
            salt[t] = SplitMix.mix(seed ^ SplitMix.mix(0x5DEECE66DL + t));
            salt32[t] = (int) (salt[t] >>> 32);
        }
        stride = Math.min(capacity, 8);
        seq = new long[trees * stride];
        slot = new int[trees * stride];
        key = new double[trees * stride];
        count = new int[trees];
        maxKey = new double[trees];
        Arrays.fill(maxKey, Double.NEGATIVE_INFINITY);
        heapOk = new boolean[trees];
        Arrays.fill(heapOk, true);
        refuseAtOrBelow = new double[trees];
        refuseHighAtOrBelow = new long[trees];
        boundUntil = new long[trees];
        Arrays.fill(boundUntil, Long.MIN_VALUE);
    }

    /** Room in every reservoir for {@code entries} entries (at most capacity), as a decoder needs. */
    void reserve(int entries) {
        int n = Math.min(capacity, Math.max(entries, 1));
        if (n <= stride) {
            return;
        }
        seq = Strides.widen(seq, new long[trees * n], trees, stride, n);
        slot = Strides.widen(slot, new int[trees * n], trees, stride, n);
        key = Strides.widen(key, new double[trees * n], trees, stride, n);
        stride = n;
    }

    long heapBytes() {
        long n = seq.length;
        return 16 * 11 + n * (8 + 4 + 8) + (long) trees * (8 + 4 + 4 + 8 + 1 + 8 + 8 + 8);
    }

    double keyOf(int t, long s) {
        return StrictMath.log(-StrictMath.log(unit(t, s))) - timeDecay * s;
    }

    /**
     * Uniform in (0, 1), a pure function of (seed, t, s). Its top 32 bits come from a 32-bit hash, so a decoder
     * can test every (tree, point) pair against a threshold in a loop the JIT turns into vector instructions
     * ({@link #membersByKey}); the low 21 bits from a 64-bit one, computed only for the few pairs that pass.
     */
    private double unit(int t, long s) {
        return unitOf(high(salt32[t], spread32(s)), low(t, s));
    }

    private static double unitOf(int high, long low) {
        return ((((high & 0xFFFFFFFFL) << 21) | low) + 0.5) * 0x1.0p-53;
    }

    private long low(int t, long s) {
        return SplitMix.mix(salt[t] + s * SplitMix.GOLDEN) >>> 43;
    }

    private static int spread32(long s) {
        return (int) s * 0x9E3779B9 + (int) (s >>> 32) * 0x7FEB352D;
    }

    /** MurmurHash3's 32-bit finalizer of salt + spread: a bijection of the sum, with full avalanche. */
    private static int high(int salt, int spread) {
        int z = salt + spread;
        z = (z ^ (z >>> 16)) * 0x85EBCA6B;
        z = (z ^ (z >>> 13)) * 0xC2B2AE35;
        return z ^ (z >>> 16);
    }

    /**
     * The key of point s in tree t if the reservoir takes it, else NaN. Most points are refused by most
     * trees; a cached bound on the hash refuses them without the two logarithms (and mostly on the 32-bit hash
     * alone), and only where the exact test would refuse too: the bound keeps a relative margin far above
     * rounding error, so decisions never depend on the cache. It holds for the next {@link #BOUND_WINDOW}
     * points, and while the reservoir is full its largest key only falls, which leaves the bound valid.
     */
    double keyIfTaken(int t, long s) {
        if (count[t] < capacity) {
            return keyOf(t, s);
        }
        if (s > boundUntil[t]) {
            long until = s + BOUND_WINDOW;
            double refuse = StrictMath.exp(-StrictMath.exp(maxKey[t] + timeDecay * until)) * (1 - 1e-6);
            refuseAtOrBelow[t] = refuse;
            // every u whose top 32 bits are at most this is below (high + 1) / 2^32 <= refuse
            refuseHighAtOrBelow[t] = (long) Math.floor(refuse * 0x1.0p32) - 1;
            boundUntil[t] = until;
        }
        int high = high(salt32[t], spread32(s));
        if ((high & 0xFFFFFFFFL) <= refuseHighAtOrBelow[t]) {
            return Double.NaN;
        }
        double u = unitOf(high, low(t, s));
        if (u <= refuseAtOrBelow[t]) {
            return Double.NaN;
        }
        double k = StrictMath.log(-StrictMath.log(u)) - timeDecay * s;
        return k < maxKey[t] ? k : Double.NaN;
    }

    static final int BOUND_WINDOW = 128;

    /**
     * For a decoder: appends to {@code members[t]} each of the ascending sequence numbers {@code origins[0..n)}
     * whose key in tree t is at most {@code maxKey[t]}, for every tree with {@code byKey[t]}, and returns the
     * counts. A full reservoir holds exactly the points with such keys (its largest key only falls once it is
     * full), so the codec need not say which points a tree holds.
     *
     * <p>Key = ln(E) - timeDecay * s with E = -ln(u); the test E <= T = exp(maxKey + timeDecay * s) is decided from
     * bounds of -ln(1 - x), x = 1 - u (its series to x^4 / 4 below, plus x^5 / (5 (1 - x)) above), and where they
     * are not clear of T by a relative margin far above rounding error, by {@link #keyOf} itself, so it agrees
     * with the reservoir's own test. Most pairs fail on the high 32 bits of u alone, in a vectorised loop.
     */
    int[] membersByKey(long[] origins, int n, boolean[] byKey, int[][] members) {
        int[] counts = new int[trees];
        double ref = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < trees; t++) {
            if (byKey[t]) {
                ref = Math.max(ref, maxKey[t]);
            }
        }
        if (ref == Double.NEGATIVE_INFINITY) {
            return counts;
        }
        int[] keyed = new int[trees];
        double[] scale = new double[trees];
        int k = 0;
        for (int t = 0; t < trees; t++) {
            if (byKey[t]) {
                keyed[k] = t;
                scale[k++] = Math.exp(maxKey[t] - ref);
            }
        }
        double[] base = new double[n];
        int[] spread = new int[n];
        // a pair whose 32-bit high hash, halved, is below floor[i] has x = 1 - u above every tree's threshold:
        // no member (halved, both sides fit an int and their difference cannot overflow)
        int[] floor = new int[n];
        double widest = 0;
        for (int j = 0; j < k; j++) {
            widest = Math.max(widest, scale[j]);
        }
        // base[i] = exp(ref + timeDecay * origins[i]), one exp per point was a tenth of a decode: consecutive points
        // (most of them) multiply by exp(timeDecay) instead, and an exact exp every RESYNC points keeps the product's
        // rounding error (a few ulps) far below the margin
        double stepOne = Math.exp(timeDecay);
        double b = 0;
        for (int i = 0; i < n; i++) {
            spread[i] = spread32(origins[i]);
            b = i % RESYNC != 0 && origins[i] - origins[i - 1] == 1 ? b * stepOne
                    : Math.exp(ref + timeDecay * origins[i]);
            base[i] = b;
            double uBelow = 1 - widest * (1 + 2 * MARGIN) * b;
            long below = uBelow <= 0 ? 0 : Math.max(0, (long) (uBelow * 0x1.0p32) - 1);
            floor[i] = (int) (below >>> 1);
        }
        // candidates of up to 64 trees at a time as bits of two ints per point: no branches, no longs, so the JIT
        // vectorises the loop that tests every pair; under 1 in 10 pairs passes, and walking the set bits of
        // each point visits only those, where scanning each tree's pairs took a mispredicted branch on each
        int[] first32 = new int[n];
        int[] next32 = new int[n];
        for (int g = 0; g < k; g += 64) {
            if (g > 0) {
                Arrays.fill(first32, 0);
                Arrays.fill(next32, 0);
            }
            for (int j = g; j < Math.min(k, g + 64); j++) {
                int[] mask = j - g < 32 ? first32 : next32;
                int salt = salt32[keyed[j]];
                int bit = (j - g) & 31;
                for (int i = 0; i < n; i++) {
                    mask[i] |= (~((high(salt, spread[i]) >>> 1) - floor[i]) >>> 31) << bit;
                }
            }
            // points in ascending order, so each tree's members come out ascending
            for (int i = 0; i < n; i++) {
                for (long m = (first32[i] & 0xFFFFFFFFL) | ((long) next32[i] << 32); m != 0; m &= m - 1) {
                    int j = g + Long.numberOfTrailingZeros(m);
                    int t = keyed[j];
                    if (holds(t, salt32[t], spread[i], origins[i], scale[j] * base[i])) {
                        int c = counts[t];
                        if (c == members[t].length) {
                            throw new IllegalArgumentException("corrupt model state: tree " + t
                                    + " holds more than " + c + " points");
                        }
                        members[t][c] = i;
                        counts[t] = c + 1;
                    }
                }
            }
        }
        return counts;
    }

    private static final double MARGIN = 1e-7;
    private static final int RESYNC = 64;

    /** Whether -ln(u) <= threshold for point s of tree t, from the bounds of membersByKey or else exactly. */
    private boolean holds(int t, int salt, int spread, long s, double threshold) {
        int high = high(salt, spread);
        // x = 1 - u is at most 1 - high / 2^32, exactly: most members are clear of the threshold already there,
        // without the 64-bit hash of the low bits (and for x <= 1/2 the series' tail x^5 / (5 (1 - x)) is at
        // most 0.4 x^5, which spares a division)
        double xHigh = 1 - (high & 0xFFFFFFFFL) * 0x1.0p-32;
        double h2 = xHigh * xHigh;
        if (xHigh <= 0.5 && seriesTo4(xHigh) + 0.4 * h2 * h2 * xHigh < threshold * (1 - MARGIN)) {
            return true;
        }
        double x = 1 - unitOf(high, low(t, s));
        if (x > threshold * (1 + MARGIN)) {
            // -ln(1 - x) >= x: beyond the threshold already
            return false;
        }
        double x2 = x * x;
        double below = seriesTo4(x);
        double above = below + x2 * x2 * x / (5 * (1 - x));
        if (above < threshold * (1 - MARGIN)) {
            return true;
        }
        if (below > threshold * (1 + MARGIN)) {
            return false;
        }
        return keyOf(t, s) <= maxKey[t];
    }

    /** x + x^2 / 2 + x^3 / 3 + x^4 / 4: the series of -ln(1 - x) to its fourth term, a lower bound of it. */
    private static double seriesTo4(double x) {
        double x2 = x * x;
        return x + x2 / 2 + x2 * x / 3 + x2 * x2 / 4;
    }

    boolean isFull(int t) {
        return count[t] == capacity;
    }

    /** Slot of the entry that {@link #replaceMax} will evict. */
    int maxSlot(int t) {
        ensureHeap(t);
        return slot[t * stride];
    }

    /** Replaces the largest-key entry (after {@link #maxSlot}) with a new one; returns its index. */
    int replaceMax(int t, long s, double k) {
        int b = t * stride;
        seq[b] = s;
        key[b] = k;
        int i = siftDown(t, 0);
        // the largest key only fell: the cached refusal bound stays valid (a key it refuses is above the new
        // largest too), it is just looser until its window ends; recomputing it here cost two exps per taken point
        maxKey[t] = key[b];
        return i;
    }

    /** Appends an entry to a reservoir that is not full; returns its index. */
    int add(int t, long s, double k) {
        if (count[t] == stride) {
            reserve(Strides.next(stride, capacity));
        }
        int b = t * stride;
        int i = count[t]++;
        seq[b + i] = s;
        key[b + i] = k;
        if (k > maxKey[t]) {
            maxKey[t] = k;
            boundUntil[t] = Long.MIN_VALUE;
        }
        return heapOk[t] ? siftUp(t, i) : i;
    }

    /** Empties every reservoir, for a decoder that reuses this instance. */
    void clear() {
        Arrays.fill(count, 0);
        Arrays.fill(maxKey, Double.NEGATIVE_INFINITY);
        Arrays.fill(heapOk, true);
        Arrays.fill(boundUntil, Long.MIN_VALUE);
    }

    /** A decoder wrote entries 0..n-1 of tree t (seq and slot, no keys): the heap is rebuilt when next needed. */
    void decoded(int t, int n) {
        count[t] = n;
        heapOk[t] = false;
    }

    private void ensureHeap(int t) {
        if (heapOk[t]) {
            return;
        }
        int b = t * stride;
        int n = count[t];
        for (int i = 0; i < n; i++) {
            key[b + i] = keyOf(t, seq[b + i]);
        }
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDownFrom(t, i, n);
        }
        heapOk[t] = true;
    }

    // max-heap on (key, seq): the order is total, so the evicted entry never depends on heap layout

    private boolean above(int a, int b) {
        return key[a] > key[b] || (key[a] == key[b] && seq[a] > seq[b]);
    }

    private int siftUp(int t, int i) {
        int b = t * stride;
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (!above(b + i, b + p)) {
                break;
            }
            swap(b + i, b + p);
            i = p;
        }
        return i;
    }

    private int siftDown(int t, int i) {
        return siftDownFrom(t, i, count[t]);
    }

    private int siftDownFrom(int t, int i, int n) {
        int b = t * stride;
        while (true) {
            int l = 2 * i + 1;
            if (l >= n) {
                return i;
            }
            int c = (l + 1 < n && above(b + l + 1, b + l)) ? l + 1 : l;
            if (!above(b + c, b + i)) {
                return i;
            }
            swap(b + i, b + c);
            i = c;
        }
    }

    private void swap(int a, int b) {
        long s = seq[a];
        seq[a] = seq[b];
        seq[b] = s;
        int sl = slot[a];
        slot[a] = slot[b];
        slot[b] = sl;
        double k = key[a];
        key[a] = key[b];
        key[b] = k;
    }
}
