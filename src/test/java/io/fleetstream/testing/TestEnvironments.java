package io.fleetstream.testing;

import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Environments for source tests on a MiniCluster. */
public final class TestEnvironments {
    private TestEnvironments() {}

    /**
     * No generic types; with {@code recover}, checkpoints every 100 ms and two quick restarts (a test's planned
     * failure restores from a checkpoint), else a failure fails the job.
     */
    public static StreamExecutionEnvironment env(int parallelism, boolean recover) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        if (recover) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        } else {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        if (recover) {
            env.enableCheckpointing(100);
        }
        return env;
    }
}
