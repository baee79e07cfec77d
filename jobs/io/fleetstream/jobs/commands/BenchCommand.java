package io.fleetstream.jobs.commands;

import io.fleetstream.jobs.TelemetryJob;
import io.fleetstream.jobs.config.AlarmOptions;
import io.fleetstream.jobs.config.AnomalyOptions;
import io.fleetstream.jobs.config.ConfigLoader;
import io.fleetstream.jobs.config.ConfigReference;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.RunOptions;
import io.fleetstream.jobs.config.SimulatorOptions;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.jobs.sources.SimulatorSources;
import io.fleetstream.model.RawRecord;
import io.fleetstream.operators.anomaly.AnomalyOperator;
import io.fleetstream.operators.parse.ParseFunction;
import io.fleetstream.operators.rows.Counted;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * {@code bench}: the telemetry pipeline (with its lake writes) on the simulator at full speed, then a bare keyed
 * pass-through of the same source on the same machine: the ceiling. Both are measured over the same wall-clock
 * time after a warm-up, from the count of records their first operator saw. By default the pipeline runs as in
 * production: RocksDB with incremental checkpoints every 30 s to a local folder, anomaly scores, alarms, current
 * state and the lake.
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
        options.put("checkpoint.interval", "30 s");
        Path lake = Files.createTempDirectory("fleetstream-bench-lake");
        Path checkpoints = Files.createTempDirectory("fleetstream-bench-checkpoints");
        options.put("lake.path", lake.toUri().toString());
        options.put("checkpoint.dir", checkpoints.toUri().toString());
        options.putAll(given.asMap());
        FleetConfig cfg = ConfigLoader.fromMap(options);
        // the backend is the bench's own option, so a given flink.state.backend.type still wins
        Map<String, String> backend = new LinkedHashMap<>();
        backend.put("flink.state.backend.type", cfg.get(RunOptions.BENCH_STATE_BACKEND).name().toLowerCase(Locale.ROOT));
        backend.put("flink.execution.checkpointing.incremental", "true");
        backend.putAll(options);
        try {
            return measureBoth(ConfigLoader.fromMap(backend), checkpoints, out);
        } finally {
            // the lake and checkpoints are only there to be written: a bench run leaves nothing behind
            Folders.deleteTree(lake);
            Folders.deleteTree(checkpoints);
        }
    }

    private static int measureBoth(FleetConfig cfg, Path checkpoints, PrintStream out) throws Exception {
        Duration warmup = cfg.get(RunOptions.BENCH_WARMUP);
        Duration duration = cfg.get(RunOptions.BENCH_DURATION);
        int parallelism = Runtime.getRuntime().availableProcessors();

        String backend = cfg.flinkOptions().getString("state.backend.type", "hashmap");
        boolean anomaly = cfg.get(AnomalyOptions.ENABLED);
        int devices = cfg.get(SimulatorOptions.DEVICES);
        out.printf("bench: %d cores, parallelism %d, %,d simulated devices, state backend %s, checkpoints every %s, "
                + "JVM heap max %,d MB, warm-up %s, measured %s each%n", parallelism, parallelism, devices, backend,
                ConfigReference.durationText(cfg.get(RunOptions.CHECKPOINT_INTERVAL)),
                Runtime.getRuntime().maxMemory() >> 20, ConfigReference.durationText(warmup),
                ConfigReference.durationText(duration));
        StreamExecutionEnvironment pipelineEnv = Environments.local(cfg, parallelism);
        TelemetryJob.define(pipelineEnv, cfg);
        Measured pipeline = measure(pipelineEnv, "pipeline", warmup, duration, checkpoints);
        out.printf("%-57s %,12.0f events/s%n", "pipeline (" + stages(cfg) + "):", pipeline.rate);
        out.printf("  JVM heap used after GC %,d MB; checkpoint folder %,d MB (newest checkpoint and the files it "
                + "shares)%s%n", pipeline.heapBytes >> 20, pipeline.checkpointBytes >> 20,
                anomaly ? String.format(", anomaly models mature (%,d readings per sampled point): %,d of %,d devices",
                        AnomalyOperator.MATURE_PER_SAMPLE, pipeline.matured, devices) : "");
        if (anomaly) {
            out.printf("  while measured: %,d readings scored with a model the anomaly cache could not hold (decoded "
                    + "and encoded for the reading); %,d events read%n", pipeline.uncached, pipeline.readings);
        }

        StreamExecutionEnvironment ceilingEnv = Environments.local(cfg, parallelism);
        SimulatorSources.create(ceilingEnv, cfg)
                .keyBy(new BySource())
                .map(new Counted<RawRecord>(ParseFunction.RECORDS_IN)).uid("count").name("count")
                .sinkTo(new DiscardingSink<>()).name("discard");
        double ceiling = measure(ceilingEnv, "ceiling", warmup, duration, null).rate;
        out.printf("%-57s %,12.0f events/s%n", "ceiling  (same source, keyBy, discard):", ceiling);
        out.printf(Locale.ROOT, "bench: pipeline %.0f events/s, ceiling %.0f events/s, ratio %.3f, backend %s, "
                + "devices %d, anomaly %s%n", pipeline.rate, ceiling, pipeline.rate / ceiling, backend, devices,
                anomaly ? "on" : "off");
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

    /** What one measured job gave. */
    private static final class Measured {
        double rate;
        long heapBytes;
        long checkpointBytes;
        long matured;
        long uncached;
        long readings;
    }

    private static Measured measure(StreamExecutionEnvironment env, String name, Duration warmup, Duration duration,
            Path checkpoints) throws Exception {
        JobClient client = env.executeAsync("bench-" + name);
        try {
            runFor(client, warmup);
            Map<String, Object> acc0 = Progress.accumulators(client);
            long c0 = Progress.count(acc0, ParseFunction.RECORDS_IN);
            long t0 = System.nanoTime();
            runFor(client, duration);
            Map<String, Object> acc = Progress.accumulators(client);
            long c1 = Progress.count(acc, ParseFunction.RECORDS_IN);
            long t1 = System.nanoTime();
            Measured m = new Measured();
            m.rate = (c1 - c0) / ((t1 - t0) / 1e9);
            m.matured = Progress.count(acc, AnomalyOperator.MODELS_MATURED);
            m.readings = c1 - c0;
            m.uncached = Progress.count(acc, AnomalyOperator.READINGS_UNCACHED)
                    - Progress.count(acc0, AnomalyOperator.READINGS_UNCACHED);
            System.gc();
            m.heapBytes = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            m.checkpointBytes = checkpoints == null ? 0 : Folders.size(checkpoints);
            return m;
        } finally {
            if (!client.getJobExecutionResult().isDone()) {
                client.cancel().get();
            }
        }
    }

    /**
     * Lets the job run for {@code d}; a job that fails meanwhile ends the bench with its own failure (not with the
     * error of cancelling a job that is no longer there).
     */
    private static void runFor(JobClient client, Duration d) throws Exception {
        try {
            client.getJobExecutionResult().get(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
            return;
        } catch (ExecutionException failed) {
            throw new IllegalStateException("the benchmarked job failed", failed.getCause());
        }
        throw new IllegalStateException("the benchmarked job ended before it was measured");
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
