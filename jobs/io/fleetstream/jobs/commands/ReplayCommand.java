package io.fleetstream.jobs.commands;

import io.fleetstream.jobs.ReplayJob;
import io.fleetstream.jobs.config.ConfigException;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.RunOptions;
import io.fleetstream.jobs.config.SourceOptions;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.jobs.pipeline.LakeOutputs;
import io.fleetstream.jobs.replay.ReplayManifest;
import io.fleetstream.jobs.replay.ReplaySettings;
import io.fleetstream.jobs.replay.ReportGatherer;
import io.fleetstream.operators.parse.ParseFunction;
import io.fleetstream.replay.ReplayFilter;
import io.fleetstream.replay.report.ReplayReport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code replay}: a window of history through the live job's pipeline, to the run's own lake. Prints progress while
 * it runs and a summary at the end, and writes {@code _replay.json} (what ran, what came out) and
 * {@code report.html} (plots per device group) next to the outputs.
 */
public final class ReplayCommand {
    private ReplayCommand() {}

    /** Tables whose row counts the summary lists, in this order. */
    private static final String[] TABLES = {"readings", "rollups", "late_readings", "anomalies", "alarms",
        "device_state", "dead_letters"};

    public static int run(FleetConfig given, PrintStream out) throws Exception {
        Instant started = Instant.now();
        ReplaySettings s = ReplaySettings.of(given, started);
        FleetConfig cfg = ReplayJob.config(given, s);
        boolean resuming = cfg.get(RunOptions.RESUME);
        if (!resuming && s.defaultOutput && ReplayManifest.exists(s)) {
            throw new ConfigException("invalid value '" + s.runId + "' for option 'replay.run-id': " + s.outputPath
                    + " already holds a replay; choose another run id (or leave it empty for a new one), or, to go on "
                    + "with that replay, add " + RunOptions.RESUME.key() + " with the checkpoint.dir it ran with");
        }
        StreamExecutionEnvironment env = Environments.create(cfg, true);
        ReplayJob.define(env, cfg, s);

        String source = cfg.get(SourceOptions.TYPE).name().toLowerCase(Locale.ROOT);
        out.printf("fleetstream replay %s: %s, event time %s to %s%s%n", s.runId, source, s.from, s.to,
                source.equals("kafka") || source.equals("kinesis")
                        ? " (read by arrival time " + s.readFrom() + " to " + s.readTo() + ")" : "");
        out.printf("outputs: %s%n", s.outputPath);
        ReplayManifest.write(s, cfg, "running", started, null, Map.of(), null);

        JobClient client = env.executeAsync(cfg.get(RunOptions.JOB_NAME));
        Map<String, Object> acc;
        try {
            ReplayProgress.follow(client, out, s, 5000);
            acc = client.getJobExecutionResult().get().getAllAccumulatorResults();
            Environments.markFinished(cfg, client.getJobID());
        } catch (Exception e) {
            ReplayManifest.write(s, cfg, "failed", started, Instant.now(), Map.of(), String.valueOf(e.getMessage()));
            throw e;
        }
        Instant ended = Instant.now();
        Map<String, Long> counts = counts(acc);
        List<String[]> summary = summary(s, source, counts, (ended.toEpochMilli() - started.toEpochMilli()) / 1000.0);
        out.println();
        out.printf("Done in %s.%n", summary.get(summary.size() - 1)[1]);
        for (String[] row : summary.subList(0, summary.size() - 1)) {
            out.printf("  %-24s %s%n", row[0], row[1]);
        }
        String report = s.outputPath + "/report.html";
        writeText(report, ReplayReport.render(ReportGatherer.gather(cfg, s, summary)));
        ReplayManifest.write(s, cfg, "finished", started, ended, counts, null);
        out.println();
        out.printf("Report:   %s%n", report);
        out.printf("Manifest: %s/%s%n", s.outputPath, ReplayManifest.FILE);
        out.printf("Tables:   %s/<table>/dt=YYYY-MM-DD/hr=HH/device_group=<group>/part-*.parquet%n", s.outputPath);
        return 0;
    }

    static Map<String, Long> counts(Map<String, Object> acc) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(ParseFunction.RECORDS_IN, Progress.count(acc, ParseFunction.RECORDS_IN));
        counts.put(ReplayFilter.OUTSIDE_WINDOW, Progress.count(acc, ReplayFilter.OUTSIDE_WINDOW));
        counts.put(ReplayFilter.OTHER_DEVICES, Progress.count(acc, ReplayFilter.OTHER_DEVICES));
        counts.put(LakeOutputs.READINGS, Progress.count(acc, LakeOutputs.READINGS));
        for (String table : TABLES) {
            counts.put("rows." + table, Progress.count(acc, "rows." + table));
        }
        return counts;
    }

    /** Label and value rows; the last one is the run's duration. */
    static List<String[]> summary(ReplaySettings s, String source, Map<String, Long> counts, double seconds) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"run id", s.runId});
        rows.add(new String[] {"source", source});
        rows.add(new String[] {"window (event time)", s.from + " to " + s.to});
        if (!s.devices.isEmpty()) {
            rows.add(new String[] {"devices", String.join(", ", s.devices)});
        }
        if (!s.groups.isEmpty()) {
            rows.add(new String[] {"device groups", String.join(", ", s.groups)});
        }
        long in = counts.get(ParseFunction.RECORDS_IN);
        rows.add(new String[] {"records read", String.format(Locale.ROOT, "%,d (%,.0f/s)", in,
                seconds > 0 ? in / seconds : 0)});
        rows.add(new String[] {"readings outside window", String.format(Locale.ROOT, "%,d",
                counts.get(ReplayFilter.OUTSIDE_WINDOW))});
        if (!s.devices.isEmpty() || !s.groups.isEmpty()) {
            rows.add(new String[] {"readings of other devices", String.format(Locale.ROOT, "%,d",
                    counts.get(ReplayFilter.OTHER_DEVICES))});
        }
        for (String table : TABLES) {
            String label = table.equals("late_readings") ? "late_readings (missed their window)"
                    : table.equals("dead_letters") ? "dead_letters (bad records)" : table;
            rows.add(new String[] {"rows " + label, String.format(Locale.ROOT, "%,d", counts.get("rows." + table))});
        }
        rows.add(new String[] {"duration", String.format(Locale.ROOT, "%.1f s", seconds)});
        return rows;
    }

    private static void writeText(String path, String text) throws IOException {
        Path p = new Path(path);
        FileSystem fs = p.getFileSystem();
        try (OutputStream o = fs.create(p, FileSystem.WriteMode.OVERWRITE)) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
