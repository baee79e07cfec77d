package io.fleetstream.sinks.timeseries.internal;

import java.util.concurrent.TimeUnit;

/**
 * How long a failed write waits before it is sent again, counted in rounds rather than failures. The requests a
 * writer has in flight fail together when the store does: counting each of their failures would double the wait once
 * per request (four in flight: 16 times longer after one round), so a short outage would leave the store idle for
 * long after it recovered. A round ends when its wait has passed; the next failure after that starts the next,
 * longer round. A write that succeeds ends the outage.
 */
final class RetryRounds {
    private final Backoff backoff;
    private int round;
    private long roundEndsNanos;

    RetryRounds(Backoff backoff) {
        this.backoff = backoff;
    }

    /** The wait before a write that failed at {@code nowNanos} is retried; {@code random} in [0, 1) jitters it. */
    synchronized long delayMillis(long nowNanos, double random) {
        if (round == 0 || nowNanos - roundEndsNanos >= 0) {
            round++;
            long wait = backoff.delayMillis(round, 0.999_999);
            roundEndsNanos = nowNanos + TimeUnit.MILLISECONDS.toNanos(wait);
        }
        return backoff.delayMillis(round, random);
    }

    synchronized void reset() {
        round = 0;
    }
}
