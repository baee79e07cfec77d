package io.fleetstream.connectors.aws;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter between attempts of a failed write: a base delay doubling up to a cap, each delay
 * drawn from its upper half so writers throttled together do not come back together.
 */
public final class Backoff {
    private final long baseMillis;
    private final long capMillis;

    public Backoff(long baseMillis, long capMillis) {
        if (baseMillis < 1 || capMillis < baseMillis) {
            throw new IllegalArgumentException("expected 1 <= base <= cap, got " + baseMillis + " and " + capMillis);
        }
        this.baseMillis = baseMillis;
        this.capMillis = capMillis;
    }

    /** @param failedAttempts how often the write has failed so far, at least 1 */
    public long delayMillis(int failedAttempts) {
        long ceiling = ceilingMillis(failedAttempts);
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    public long ceilingMillis(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts, 1) - 1, 20);
        return Math.min(capMillis, baseMillis << doublings);
    }
}
