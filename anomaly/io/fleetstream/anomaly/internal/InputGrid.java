package io.fleetstream.anomaly.internal;

/**
 * Rounds each input to a grid whose step is a power of two at most 1/64 of the input's standard deviation, so
 * the forest sees values as exact as matters for anomalies (a 64th of the spread) and the codec can store each
 * value as a small integer instead of a 32-bit float.
 *
 * <p>The step of an input is set from its first {@link #FIRST_BLOCK} values and checked again after every
 * further {@link #BLOCK}: it only ever gets finer (halved, or more), never coarser, so every value rounded
 * earlier still lies on the current grid. An input constant over its first block gets a provisional step
 * (2^-20 of its magnitude) that the first block with any spread replaces; values rounded before a step was set,
 * or too large for the grid, are kept as they came and cost a full float in the codec.
 */
final class InputGrid {
    static final int FIRST_BLOCK = 32;
    static final int BLOCK = 256;
    /** Grid values are integer multiples q of the step with |q| below this (exact as floats). */
    static final double MAX_MULTIPLE = 1 << 24;

    final float[] step;
    final boolean[] provisional;
    long seen;
    final double[] mean;
    final double[] m2;
    int blockCount;

    InputGrid(int inputs) {
        step = new float[inputs];
        provisional = new boolean[inputs];
        mean = new double[inputs];
        m2 = new double[inputs];
    }

    /** Rounds one input to the grid and learns from it. */
    float round(int i, double x) {
        float s = step[i];
        if (s > 0) {
            double q = Math.rint(x / s);
            if (Math.abs(q) < MAX_MULTIPLE) {
                // + 0.0 turns -0.0 into 0.0: both are multiple 0, and the codec stores multiples
                return (float) (q * s) + 0.0f;
            }
        }
        return (float) x;
    }

    /** Adds one input vector (raw values) to the block statistics and resets steps at a block's end. */
    void learn(double[] input) {
        blockCount++;
        for (int i = 0; i < input.length; i++) {
            double d = input[i] - mean[i];
            mean[i] += d / blockCount;
            m2[i] += d * (input[i] - mean[i]);
        }
        seen++;
        if (blockCount == (seen == FIRST_BLOCK ? FIRST_BLOCK : BLOCK)) {
            for (int i = 0; i < input.length; i++) {
                refine(i, Math.sqrt(m2[i] / (blockCount - 1)));
                mean[i] = 0;
                m2[i] = 0;
            }
            blockCount = 0;
        }
    }

    private void refine(int i, double sd) {
        if (sd > 0) {
            float candidate = powerOfTwoAtMost(sd / 64);
            if (step[i] == 0 || provisional[i] || candidate < step[i]) {
                step[i] = candidate;
                provisional[i] = false;
            }
        } else if (step[i] == 0) {
            step[i] = powerOfTwoAtMost(Math.max(Math.abs(mean[i]), 0x1.0p-40) * 0x1.0p-20);
            provisional[i] = true;
        }
    }

    static float powerOfTwoAtMost(double x) {
        int e = Math.max(-120, Math.min(100, Math.getExponent(x)));
        return (float) Math.scalb(1.0, e);
    }

    /** Whether v is k * step for an integer |k| < MAX_MULTIPLE; then {@link #multiple} is exact. */
    static boolean onGrid(float v, float step) {
        if (step <= 0 || !Float.isFinite(v)) {
            return false;
        }
        double r = v / (double) step;
        return Math.abs(r) < MAX_MULTIPLE && r == Math.rint(r) && (float) (r * step) == v
                && Float.floatToRawIntBits(v) != Integer.MIN_VALUE;
    }

    static long multiple(float v, float step) {
        return (long) (v / (double) step);
    }

    static float value(long multiple, float step) {
        return (float) (multiple * (double) step);
    }
}
