package io.fleetstream.jobs.simulator;

/**
 * Counter-based randomness: every random choice of the simulator is a hash of (seed, purpose, device, round), so any
 * payload can be recomputed on its own, in any order, by any subtask, with the same result.
 */
final class Hash {

    static final long GOLDEN = 0x9E3779B97F4A7C15L;

    // One salt per kind of decision keeps their random streams independent.
    static final long SALT_DEVICE = 1;
    static final long SALT_ROUND = 2;
    static final long SALT_DELIVERY = 3;
    static final long SALT_FAULT = 4;

    private Hash() {
    }

    /** SplitMix64's finalizer: a cheap bijection with good avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long of(long seed, long salt, long a, long b) {
        long h = mix(seed + salt * GOLDEN);
        h = mix(h + a * GOLDEN);
        return mix(h + b * GOLDEN);
    }

    /** A further independent value derived from {@code h}; cheaper than hashing the whole key again. */
    static long derive(long h, int k) {
        return mix(h + (k + 1) * GOLDEN);
    }

    /** Uniform in [0, 1). */
    static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, n). */
    static int below(long h, int n) {
        return (int) Long.remainderUnsigned(h, n);
    }

    /**
     * Bell-shaped noise in [-2, 2] (sum of four 16-bit uniforms, sd about 0.58). Bounded on purpose: the normal ranges
     * that tests and alarm rules rely on are then hard limits, not probabilities.
     */
    static double noise(long h) {
        long sum = (h & 0xFFFF) + ((h >>> 16) & 0xFFFF) + ((h >>> 32) & 0xFFFF) + (h >>> 48);
        return sum * (1.0 / 65535.0) - 2.0;
    }
}
