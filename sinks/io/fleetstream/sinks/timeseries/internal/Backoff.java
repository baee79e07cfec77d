package io.fleetstream.sinks.timeseries.internal;

import java.io.Serializable;
import java.time.Duration;

/**
 * Exponential backoff with jitter: the n-th consecutive failure waits between half and all of
 * {@code min(max, initial * 2^(n-1))}, so writers that failed together do not all retry at the same instant.
 */
public final class Backoff implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long initialMillis;
    private final long maxMillis;

    public Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
    }

    /**
     * @param failures consecutive failures so far, at least 1
     * @param random a number in [0, 1)
     */
    public long delayMillis(int failures, double random) {
        int doublings = Math.max(0, Math.min(failures - 1, 62));
        long cap = initialMillis > (maxMillis >> doublings) ? maxMillis : Math.min(maxMillis, initialMillis << doublings);
        long half = cap / 2;
        return half + (long) (random * (cap - half));
    }

    public long maxMillis() {
        return maxMillis;
    }
}
