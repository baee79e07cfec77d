package io.fleetstream.jobs.alarms;

import io.fleetstream.jobs.TelemetryJob;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.jobs.pipeline.LakeOutputs;
import io.fleetstream.jobs.pipeline.PipelineStreams;
import io.fleetstream.jobs.pipeline.TelemetryPipeline;
import io.fleetstream.jobs.sources.Sources;
import io.fleetstream.model.RawRecord;
import io.fleetstream.lake.LakeReader;
import io.fleetstream.testing.Pipelines;
import io.fleetstream.testing.Slowly;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The alarm pipeline tests' runs: the job on one file of telemetry with a rules file, read as fast as it can be (no
 * periodic watermark before the end) or slowly (a millisecond a record, watermarks all along, as live data arrives).
 */
final class AlarmFileRuns {
    static final long T0 = 1_763_640_000_000L; // 2025-11-20T12:00:00Z
    static final long SECOND = 1_000L;
    static final long MINUTE = 60 * SECOND;

    final Path dir;
    final Path file;
    final Path rules;

    /** Writes the rules; the test writes {@link #file}. */
    AlarmFileRuns(Path dir, String rulesText) throws Exception {
        this.dir = dir;
        this.file = dir.resolve("in").resolve("telemetry.ndjson");
        Files.createDirectories(file.getParent());
        this.rules = dir.resolve("rules.yaml");
        Files.writeString(rules, rulesText, StandardCharsets.UTF_8);
    }

    /** Runs the job into the lake {@code dir/name} and returns it. */
    Path run(String name, boolean slowly) throws Exception {
        return run(name, slowly, null);
    }

    /**
     * Runs the job into the lake {@code dir/name}, read fast, with {@code commands} (JSON, one a record) as its
     * alarm control stream, which ends at once and goes idle as a bounded Kafka topic does; returns the lake.
     */
    Path runWithCommands(String name, List<String> commands) throws Exception {
        return run(name, false, commands);
    }

    private Path run(String name, boolean slowly, List<String> commands) throws Exception {
        Path lake = dir.resolve(name);
        FleetConfig cfg = Pipelines.config(Map.of(
                "source.type", "file",
                "source.file.path", file.getParent().toUri().toString(),
                "lake.path", lake.toUri().toString(),
                "rules.path", rules.toString(),
                "parse.max-future", "3650 d",
                "flink.parallelism.default", "1",
                "flink.pipeline.auto-watermark-interval", slowly ? "10 ms" : "1 h"));
        StreamExecutionEnvironment env = Environments.create(cfg);
        if (commands != null) {
            List<RawRecord> records = new ArrayList<>();
            for (int i = 0; i < commands.size(); i++) {
                records.add(new RawRecord(commands.get(i).getBytes(StandardCharsets.UTF_8), "commands#" + i, 0));
            }
            DataStream<RawRecord> control = env.fromData(records, TypeInformation.of(RawRecord.class))
                    .assignTimestampsAndWatermarks(TelemetryPipeline.watermarks(cfg)).name("commands");
            LakeOutputs.attach(TelemetryPipeline.build(Sources.create(env, cfg), control, cfg),
                    lake.toUri().toString(), cfg);
        } else if (slowly) {
            DataStream<RawRecord> raw = Sources.create(env, cfg).map(new Slowly())
                    .returns(TypeInformation.of(RawRecord.class)).name("slowly");
            PipelineStreams streams = TelemetryPipeline.build(raw, cfg);
            LakeOutputs.attach(streams, lake.toUri().toString(), cfg);
        } else {
            TelemetryJob.define(env, cfg);
        }
        env.execute(name);
        return lake;
    }

    /** Minutes and seconds since {@link #T0}, e.g. {@code 14:00}. */
    static String clock(long t) {
        long s = (t - T0) / SECOND;
        return String.format("%02d:%02d", s / 60, s % 60);
    }

    /** Every row of the lake's alarms table, as text, sorted. */
    static List<String> allAlarms(Path lake) throws Exception {
        return LakeReader.read(lake, "alarms").stream().map(Map::toString).sorted().collect(Collectors.toList());
    }

    /** The rule's rows of the lake's alarms table, by event time. */
    static List<Map<String, Object>> rows(Path lake, String rule) throws Exception {
        return LakeReader.read(lake, "alarms").stream().filter(a -> rule.equals(a.get("rule")))
                .sorted((a, b) -> Long.compare((Long) a.get("event_time"), (Long) b.get("event_time")))
                .collect(Collectors.toList());
    }
}
