package io.fleetstream.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.jobs.config.ConfigException;
import io.fleetstream.jobs.config.ConfigLoader;
import io.fleetstream.jobs.config.FleetConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentsTest {
    /** Attempts of the failing map below, across restarts (one JVM: the MiniCluster runs in it). */
    private static final AtomicInteger ATTEMPTS = new AtomicInteger();

    @TempDir
    Path dir;

    @Test
    void aBoundedLocalRunThatKeepsFailingEndsWithItsCauseAfterAFewRestarts() {
        ATTEMPTS.set(0);
        StreamExecutionEnvironment env = Environments.create(config(), true);
        failingJob(env);

        assertThatThrownBy(() -> env.execute("fails"))
                .hasRootCauseMessage("poison reading");
        assertThat(ATTEMPTS.get()).isEqualTo(1 + Environments.BOUNDED_LOCAL_RESTARTS);
    }

    @Test
    void anUnboundedLocalRunKeepsRestartingAsOnACluster() throws Exception {
        ATTEMPTS.set(0);
        StreamExecutionEnvironment env = Environments.create(config(), false);
        failingJob(env);
        JobClient job = env.executeAsync("fails");
        try {
            long until = System.currentTimeMillis() + 60_000;
            while (ATTEMPTS.get() <= Environments.BOUNDED_LOCAL_RESTARTS + 1 && System.currentTimeMillis() < until) {
                Thread.sleep(100);
            }
            assertThat(ATTEMPTS.get()).isGreaterThan(Environments.BOUNDED_LOCAL_RESTARTS + 1);
            assertThat(job.getJobStatus().get().isGloballyTerminalState()).isFalse();
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void aMissingInputFileStopsTheRunBeforeItStartsNamingTheOptionAndThePath() {
        FleetConfig cfg = ConfigLoader.fromMap(Map.of("source.type", "file",
                "source.file.path", dir.resolve("nope.ndjson").toString(), "lake.path", dir.toUri().toString()));

        assertThatThrownBy(() -> Environments.create(cfg))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'source.file.path'")
                .hasMessageContaining("nope.ndjson")
                .hasMessageContaining("no such file or folder");
    }

    private FleetConfig config() {
        // restarts come quickly in the unbounded case: Flink's default would back off for minutes
        return ConfigLoader.fromMap(Map.of("checkpoint.dir", dir.toUri().toString(),
                "flink.restart-strategy.exponential-delay.initial-backoff", "10 ms",
                "flink.restart-strategy.exponential-delay.max-backoff", "50 ms"));
    }

    private static void failingJob(StreamExecutionEnvironment env) {
        env.setParallelism(1);
        env.fromSequence(1, 10).map(i -> {
            if (i == 5) {
                ATTEMPTS.incrementAndGet();
                throw new IllegalStateException("poison reading");
            }
            return i;
        }).returns(Types.LONG).sinkTo(new DiscardingSink<>());
    }
}
