package io.fleetstream.sinks.timeseries.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RetryRoundsTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30));

    @Test
    void requestsInFlightThatFailTogetherWaitOneRoundNotOneDoublingEach() {
        RetryRounds rounds = new RetryRounds(backoff);
        for (int request = 0; request < 4; request++) {
            assertThat(rounds.delayMillis(1_000 * MS + request * MS, 0.5)).as("request %d", request)
                    .isBetween(50L, 100L);
        }
    }

    @Test
    void aFailureAfterARoundsWaitStartsTheNextLongerRound() {
        RetryRounds rounds = new RetryRounds(backoff);
        rounds.delayMillis(0, 0.5);
        assertThat(rounds.delayMillis(150 * MS, 0.5)).as("second round").isBetween(100L, 200L);
        assertThat(rounds.delayMillis(160 * MS, 0.5)).as("still the second round").isBetween(100L, 200L);
        assertThat(rounds.delayMillis(400 * MS, 0.5)).as("third round").isBetween(200L, 400L);
    }

    @Test
    void aWriteThatSucceedsEndsTheOutage() {
        RetryRounds rounds = new RetryRounds(backoff);
        rounds.delayMillis(0, 0.5);
        rounds.delayMillis(150 * MS, 0.5);
        rounds.reset();
        assertThat(rounds.delayMillis(160 * MS, 0.5)).isBetween(50L, 100L);
    }
}
