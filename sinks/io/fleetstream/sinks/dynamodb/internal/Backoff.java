package io.fleetstream.sinks.dynamodb.internal;

/** Backoff between attempts of a state that failed: 50 ms doubling up to 5 s, with jitter. */
public final class Backoff {
    private Backoff() {}

    private static final io.fleetstream.connectors.aws.Backoff DELAYS =
            new io.fleetstream.connectors.aws.Backoff(50, 5_000);
    /** Attempts of one state before a non-throttling transient error fails the job. */
    public static final int MAX_TRANSIENT_ATTEMPTS = 12;

    /** @param failedAttempts how often the state has failed so far, at least 1 */
    public static long delayMillis(int failedAttempts) {
        return DELAYS.delayMillis(failedAttempts);
    }

    static long ceilingMillis(int failedAttempts) {
        return DELAYS.ceilingMillis(failedAttempts);
    }
}
