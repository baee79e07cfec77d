package io.fleetstream.sinks.timeseries;

import io.fleetstream.model.Rollup;
import io.fleetstream.testing.NoKryo;
import io.fleetstream.testing.QuestDbTestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Rollup points per second through the sink into an embedded QuestDB, counted once every row is visible (not a
 * test: it prints its figure). Arguments: points (default 500000), parallelism (default 2).
 */
public final class TimeSeriesSinkBenchmark {
    private TimeSeriesSinkBenchmark() {}

    public static void main(String[] args) throws Exception {
        long points = args.length > 0 ? Long.parseLong(args[0]) : 500_000;
        int parallelism = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int devices = 1000;
        try (QuestDbTestServer questdb = QuestDbTestServer.start()) {
            questdb.createRollupsTable("rollups");
            Configuration conf = new Configuration();
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
            NoKryo.on(env.getConfig());
            env.enableCheckpointing(10_000);
            DataGeneratorSource<Rollup> source = new DataGeneratorSource<>(
                    i -> Fixtures.rollup("dev-" + (i % devices), "bench", "temp_c",
                            Fixtures.T0 + (i / devices) * 60_000, 0, i % 97),
                    points, RateLimiterStrategy.noOp(), Jobs.ROLLUP);
            env.fromSource(source, WatermarkStrategy.noWatermarks(), "rollups")
                    .sinkTo(LineProtocolSink.<Rollup>builder().endpoint(questdb.httpEndpoint()).bucket("bench")
                            .pointWriter(new RollupPoints()).build())
                    .name("time-series rollups");
            long start = System.nanoTime();
            env.execute("time-series sink benchmark");
            double jobSeconds = (System.nanoTime() - start) / 1e9;
            List<Map<String, Object>> rows = questdb.awaitRows("SELECT count() n FROM rollups",
                    r -> !r.isEmpty() && ((Number) r.get(0).get("n")).longValue() >= points, Duration.ofMinutes(10));
            double visibleSeconds = (System.nanoTime() - start) / 1e9;
            long written = rows.isEmpty() ? 0 : ((Number) rows.get(0).get("n")).longValue();
            System.out.printf("time-series sink: %d rollup points, parallelism %d, %d rows visible%n", points,
                    parallelism, written);
            System.out.printf("  job finished after %.1f s (%.0f points/s acknowledged)%n", jobSeconds,
                    points / jobSeconds);
            System.out.printf("  all rows visible after %.1f s (%.0f points/s end to end)%n", visibleSeconds,
                    written / visibleSeconds);
        }
    }
}
