package io.fleetstream.jobs.commands;

import io.fleetstream.jobs.TelemetryJob;
import io.fleetstream.jobs.config.Command;
import io.fleetstream.jobs.config.ConfigLoader;
import io.fleetstream.jobs.config.ConfigReference;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.RunOptions;
import io.fleetstream.jobs.config.SimulatorOptions;
import io.fleetstream.jobs.config.TimeSeriesOptions;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.jobs.pipeline.LakeOutputs;
import io.fleetstream.jobs.simulator.GroundTruth;
import io.fleetstream.jobs.simulator.InjectedFault;
import io.fleetstream.operators.parse.ParseFunction;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code demo}: the whole telemetry pipeline, in-process, on a simulated fleet, writing a local lake. Shows
 * progress while it runs and ends with a summary that says where the files are and how to query them.
 */
public final class DemoCommand {
    private DemoCommand() {}

    static final Path OUTPUT = Path.of("demo-output");

    public static int run(String[] args, PrintStream out) throws Exception {
        FleetConfig given = ConfigLoader.load(Command.DEMO, args);
        Map<String, String> options = new LinkedHashMap<>(defaults());
        options.putAll(given.asMap());
        FleetConfig cfg = ConfigLoader.fromMap(options);
        Path lake = Path.of(java.net.URI.create(cfg.get(RunOptions.LAKE_PATH)));
        if (!given.isSet(RunOptions.LAKE_PATH) && !cfg.get(RunOptions.RESUME)) {
            // the demo's own folder: start each run from an empty lake; a resumed run adds to what its checkpoint
            // committed there
            Folders.deleteTree(lake);
        }

        out.printf("fleetstream demo: %d simulated devices, %s of event time, lake at %s%n",
                cfg.get(SimulatorOptions.DEVICES),
                ConfigReference.durationText(cfg.get(SimulatorOptions.DURATION)), lake);
        boolean questDb = cfg.get(TimeSeriesOptions.ENABLED) && DemoQuestDb.prepare(cfg.get(TimeSeriesOptions.ENDPOINT));
        if (questDb) {
            out.printf("rollups also go to QuestDB at %s (query it while the demo runs)%n",
                    cfg.get(TimeSeriesOptions.ENDPOINT));
        }
        StreamExecutionEnvironment env = Environments.local(cfg, 2);
        TelemetryJob.define(env, cfg);
        long started = System.nanoTime();
        JobClient client = env.executeAsync(cfg.get(RunOptions.JOB_NAME));
        Progress.follow(client, out, 2000);
        JobExecutionResult result = client.getJobExecutionResult().get();
        summary(out, cfg, lake, result.getAllAccumulatorResults(), (System.nanoTime() - started) / 1e9);
        if (questDb) {
            DemoQuestDb.printHowToQuery(out, cfg.get(TimeSeriesOptions.ENDPOINT));
        }
        return 0;
    }

    static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("job.name", "fleetstream-demo");
        m.put("source.type", "simulator");
        m.put("simulator.devices", "200");
        m.put("simulator.duration", "2 h");
        m.put("simulator.ground-truth", OUTPUT.resolve("ground-truth.csv").toString());
        m.put("lake.path", OUTPUT.resolve("lake").toAbsolutePath().toUri().toString());
        m.put("checkpoint.interval", "5 s");
        m.put("anomaly.enabled", "true");
        return m;
    }

    private static void summary(PrintStream out, FleetConfig cfg, Path lake, Map<String, Object> acc, double secs)
            throws IOException {
        out.println();
        out.printf("Done in %.0f s.%n", secs);
        out.printf("  devices          %,d%n", cfg.get(SimulatorOptions.DEVICES));
        out.printf("  records in       %,d%n", Progress.count(acc, ParseFunction.RECORDS_IN));
        out.printf("  readings         %,d valid and de-duplicated%n", Progress.count(acc, LakeOutputs.READINGS));
        out.printf("  rollup rows      %,d%n", Progress.count(acc, "rows.rollups"));
        out.printf("  late readings    %,d%n", Progress.count(acc, "rows.late_readings"));
        out.printf("  dead letters     %,d%n", Progress.count(acc, "rows.dead_letters"));
        out.printf("  state snapshots  %,d%n", Progress.count(acc, "rows.device_state"));
        out.printf("  anomalies        %,d%n", Progress.count(acc, "rows.anomalies"));
        out.printf("  alarm events     %,d%n", Progress.count(acc, "rows.alarms"));
        Path truth = Path.of(cfg.get(SimulatorOptions.GROUND_TRUTH));
        List<InjectedFault> faults = List.of();
        if (Files.exists(truth)) {
            faults = GroundTruth.readCsv(truth).faults();
            Map<String, Long> byType = faults.stream().collect(
                    Collectors.groupingBy(f -> f.fault().name(), TreeMap::new, Collectors.counting()));
            out.printf("  injected faults  %d %s (ground truth: %s)%n", faults.size(), byType, truth);
        }
        out.println();
        out.println("Lake (Parquet, partitioned dt=/hr=/device_group=):");
        try (Stream<Path> tables = Files.list(lake)) {
            for (Path table : tables.sorted().collect(Collectors.toList())) {
                long files;
                try (Stream<Path> s = Files.walk(table)) {
                    files = s.filter(p -> p.toString().endsWith(".parquet")).count();
                }
                out.printf("  %-50s %d files%n", table, files);
            }
        }
        out.println();
        out.println("Query the rollups, e.g. with DuckDB (the latest revision of each 1-minute window):");
        out.println("  duckdb -c \"SELECT device_id, window_start, metric, count, mean, max");
        out.println("    FROM read_parquet('" + lake.resolve("rollups") + "/**/*.parquet', hive_partitioning = true)");
        out.println("    WHERE window_spec = '1m'");
        out.println("    QUALIFY row_number() OVER (PARTITION BY device_id, metric, window_spec, window_start");
        out.println("                               ORDER BY revision DESC) = 1");
        out.println("    ORDER BY device_id, window_start, metric LIMIT 20\"");
        if (!faults.isEmpty()) {
            AlarmsVersusFaults.print(out, faults, lake);
        }
    }
}
