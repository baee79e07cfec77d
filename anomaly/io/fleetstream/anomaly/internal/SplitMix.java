package io.fleetstream.anomaly.internal;

/**
 * SplitMix64: one long of state, so the generator is trivially part of the encoded model and a decoded
 * model continues the exact same random sequence.
 */
final class SplitMix {
    static final long GOLDEN = 0x9E3779B97F4A7C15L;

    long state;

    SplitMix(long state) {
        this.state = state;
    }

    long nextLong() {
        return mix(state += GOLDEN);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
