package io.fleetstream.anomaly.internal;

/**
 * Codes the forest's stored inputs (input vectors in sequence order, {@code columns} values each) as the
 * change of each value's grid multiple ({@link InputGrid}) from the previous value of the same input, in an
 * adaptive Rice code: consecutive readings of a sensor differ by a few steps, so most values take a few bits.
 * A value off its grid (kept raw by the grid) is an escape followed by its 32 float bits.
 *
 * <p>Code words are {@code z = 0} for an escape, else {@code zigzag(delta) + 1}. The Rice parameter of each
 * input follows the running mean of its code words (as in LOCO-I), so it adapts to how much each input moves.
 */
final class ValueCoder {
    /** Longer unary prefixes switch to an Elias-gamma code of the word, bounding the cost of rare jumps. */
    private static final int MAX_UNARY = 24;
    private static final int RESET = 64;

    private ValueCoder() {
    }

    static void encode(float[] values, int count, int columns, float[] steps, BitOutput out) {
        long[] prev = new long[columns];
        long[] sum = new long[columns];
        int[] n = new int[columns];
        for (int i = 0, c = 0; i < count; i++, c = c + 1 == columns ? 0 : c + 1) {
            float v = values[i];
            long z;
            if (InputGrid.onGrid(v, steps[c])) {
                long m = InputGrid.multiple(v, steps[c]);
                long d = m - prev[c];
                z = ((d << 1) ^ (d >> 63)) + 1;
                prev[c] = m;
            } else {
                z = 0;
            }
            int k = parameter(sum[c], n[c]);
            long unary = z >>> k;
            if (unary < MAX_UNARY && unary + 1 + k <= 57) {
                // the unary zeros, their closing one and the k low bits, in one write
                out.bits((1L << k) | (z & ((1L << k) - 1)), (int) unary + 1 + k);
            } else if (unary < MAX_UNARY) {
                out.bits(1, (int) unary + 1);
                out.bits(z, k);
            } else {
                out.bits(0, MAX_UNARY);
                out.gamma(z + 1);
            }
            if (z == 0) {
                out.f32(v);
            }
            if (++n[c] == RESET) {
                n[c] >>= 1;
                sum[c] >>= 1;
            }
            sum[c] += z;
        }
    }

    static void decode(float[] values, int count, int columns, float[] steps, BitInput in) {
        long[] prev = new long[columns];
        long[] sum = new long[columns];
        int[] n = new int[columns];
        for (int i = 0, c = 0; i < count; i++, c = c + 1 == columns ? 0 : c + 1) {
            int k = parameter(sum[c], n[c]);
            long pos = in.position();
            long w = in.window(pos);
            int lz = Long.numberOfLeadingZeros(w);
            long z;
            if (lz < MAX_UNARY && lz + 1 + k <= 57) {
                // the whole word is in this window: one load
                z = k == 0 ? lz : ((long) lz << k) | ((w << (lz + 1)) >>> (64 - k));
                in.position(pos + lz + 1 + k);
            } else if (lz < MAX_UNARY) {
                in.skip(lz + 1);
                z = ((long) lz << k) | in.bits(k);
            } else {
                in.skip(MAX_UNARY);
                z = in.gamma() - 1;
            }
            if (z == 0) {
                values[i] = in.f32();
            } else {
                long u = z - 1;
                long m = prev[c] + ((u >>> 1) ^ -(u & 1));
                values[i] = InputGrid.value(m, steps[c]);
                prev[c] = m;
            }
            if (++n[c] == RESET) {
                n[c] >>= 1;
                sum[c] >>= 1;
            }
            sum[c] += z;
        }
    }

    /** Smallest k with n * 2^k >= sum: the Rice parameter for words of mean sum / n (no division: it is per value). */
    private static int parameter(long sum, int n) {
        long d = Math.max(n, 1);
        int k = Math.max(0, Long.numberOfLeadingZeros(d) - Long.numberOfLeadingZeros(sum));
        return (d << k) < sum ? k + 1 : k;
    }
}
