package io.fleetstream.jobs.commands;

import io.fleetstream.jobs.TelemetryJob;
import io.fleetstream.jobs.config.AlarmOptions;
import io.fleetstream.jobs.config.AnomalyOptions;
import io.fleetstream.jobs.config.ConfigLoader;
import io.fleetstream.jobs.config.ConfigReference;
import io.fleetstream.jobs.config.SimulatorOptions;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.RunOptions;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.jobs.sources.SimulatorSources;
import io.fleetstream.model.RawRecord;
import io.fleetstream.operators.parse.ParseFunction;
import io.fleetstream.operators.rows.Counted;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * {@code bench}: the telemetry pipeline (with its lake writes) on the simulator at full speed, then a bare keyed
 * pass-through of the same source on the same machine: the ceiling. Both are measured over the same wall-clock
 * time after a warm-up, from the count of records their first operator saw.
 */
public final class BenchCommand {
    private BenchCommand() {}

    public static int run(FleetConfig given, PrintStream out) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("job.name", "fleetstream-bench");
        options.put("source.type", "simulator");
        options.put("simulator.devices", "1000");
        options.put("simulator.interval", "1 s");
        options.put("simulator.duration", "30 d");
        options.put("checkpoint.interval", "10 s");
        Path lake = Files.createTempDirectory("fleetstream-bench-lake");
        options.put("lake.path", lake.toUri().toString());
        options.putAll(given.asMap());
        try {
            return measureBoth(ConfigLoader.fromMap(options), out);
        } finally {
            // the lake is only there to be written: a bench run leaves nothing behind
            Folders.deleteTree(lake);
        }
    }

    private static int measureBoth(FleetConfig cfg, PrintStream out) throws Exception {
        Duration warmup = cfg.get(RunOptions.BENCH_WARMUP);
        Duration duration = cfg.get(RunOptions.BENCH_DURATION);
        int parallelism = Runtime.getRuntime().availableProcessors();

        out.printf("bench: %d cores, parallelism %d, %,d simulated devices, warm-up %s, measured %s each%n",
                parallelism, parallelism, cfg.get(SimulatorOptions.DEVICES), ConfigReference.durationText(warmup),
                ConfigReference.durationText(duration));
        StreamExecutionEnvironment pipelineEnv = Environments.local(cfg, parallelism);
        TelemetryJob.define(pipelineEnv, cfg);
        double pipeline = measure(pipelineEnv, "pipeline", warmup, duration);
        out.printf("%-57s %,12.0f events/s%n", "pipeline (" + stages(cfg) + "):", pipeline);

        StreamExecutionEnvironment ceilingEnv = Environments.local(cfg, parallelism);
        SimulatorSources.create(ceilingEnv, cfg)
                .keyBy(new BySource())
                .map(new Counted<RawRecord>(ParseFunction.RECORDS_IN)).uid("count").name("count")
                .sinkTo(new DiscardingSink<>()).name("discard");
        double ceiling = measure(ceilingEnv, "ceiling", warmup, duration);
        out.printf("%-57s %,12.0f events/s%n", "ceiling  (same source, keyBy, discard):", ceiling);
        out.printf("pipeline / ceiling = %.2f%n", pipeline / ceiling);
        return 0;
    }

    /** What the measured pipeline runs, from its configuration. */
    private static String stages(FleetConfig cfg) {
        StringBuilder b = new StringBuilder("parse, dedup, 2 rollups, state");
        if (cfg.get(AlarmOptions.ENABLED)) {
            b.append(", alarms");
        }
        if (cfg.get(AnomalyOptions.ENABLED)) {
            b.append(", anomaly scores");
        }
        return b.append(", lake").toString();
    }

    private static double measure(StreamExecutionEnvironment env, String name, Duration warmup, Duration duration)
            throws Exception {
        JobClient client = env.executeAsync("bench-" + name);
        try {
            Thread.sleep(warmup.toMillis());
            long c0 = Progress.count(Progress.accumulators(client), ParseFunction.RECORDS_IN);
            long t0 = System.nanoTime();
            Thread.sleep(duration.toMillis());
            long c1 = Progress.count(Progress.accumulators(client), ParseFunction.RECORDS_IN);
            long t1 = System.nanoTime();
            return (c1 - c0) / ((t1 - t0) / 1e9);
        } finally {
            client.cancel().get();
        }
    }

    /** The device part of the simulator's source position: the same key the pipeline shuffles by. */
    static final class BySource implements KeySelector<RawRecord, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(RawRecord r) {
            return r.source.substring(0, r.source.indexOf('/'));
        }
    }
}
