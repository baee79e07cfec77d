package io.fleetstream.sinks.dynamodb.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter between attempts of a state that failed: 50 ms doubling up to 5 s, each delay
 * drawn from its upper half so writers throttled together do not come back together.
 */
public final class Backoff {
    private Backoff() {}

    static final long BASE_MILLIS = 50;
    static final long CAP_MILLIS = 5_000;
    /** Attempts of one state before a non-throttling transient error fails the job. */
    public static final int MAX_TRANSIENT_ATTEMPTS = 12;

    /** @param failedAttempts how often the state has failed so far, at least 1 */
    public static long delayMillis(int failedAttempts) {
        long ceiling = ceilingMillis(failedAttempts);
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    static long ceilingMillis(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts, 1) - 1, 20);
        return Math.min(CAP_MILLIS, BASE_MILLIS << doublings);
    }
}
