package io.fleetstream.jobs.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.jobs.TelemetryJob;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.jobs.pipeline.LakeOutputs;
import io.fleetstream.jobs.pipeline.PipelineStreams;
import io.fleetstream.jobs.pipeline.TelemetryPipeline;
import io.fleetstream.jobs.sources.Sources;
import io.fleetstream.model.RawRecord;
import io.fleetstream.sinks.lake.read.LakeReader;
import io.fleetstream.testing.Pipelines;
import io.fleetstream.testing.Slowly;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sequence rules through the real pipeline (the feed, one CEP operator per rule, the alarm operator) on a file of
 * reefers reporting every 30 s for an hour, read as fast as it can be and slowly as live data arrives: the same
 * alarms, at the event times of the readings (and windows) that decide them, none past the end of the input.
 */
class SequenceAlarmsTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    private static final long T0 = 1_763_640_000_000L; // 2025-11-20T12:00:00Z
    private static final long SECOND = 1_000L;
    private static final long MINUTE = 60 * SECOND;

    private static final String RULES = String.join("\n",
            "rules:",
            "  - name: door-then-warm",
            "    kind: sequence",
            "    groups: [\"reefers-*\"]",
            "    steps:",
            "      - {metric: door_open, equals: 1}",
            "      - {metric: temp_c, above: 8}",
            "    within: 10m",
            "    severity: MAJOR",
            "    clear-for: 1m",
            "  - name: door-left-open",
            "    kind: sequence",
            "    groups: [\"reefers-*\"]",
            "    steps:",
            "      - {metric: door_open, equals: 1}",
            "      - {metric: door_open, equals: 0, absent: true}",
            "    within: 10m",
            "");

    @TempDir
    static Path dir;

    static Path file;
    static Path rules;
    static Path fastLake;
    static Path slowLake;

    @BeforeAll
    static void writeInput() throws Exception {
        file = dir.resolve("in").resolve("telemetry.ndjson");
        Files.createDirectories(file.getParent());
        rules = dir.resolve("rules.yaml");
        Files.writeString(rules, RULES, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        for (long t = T0; t < T0 + 60 * MINUTE; t += 30 * SECOND) {
            // The door open from 10 to 12 min, warm from 14 to 20 min: 2.5 min after its last open reading.
            line(out, "quick", "reefers-west", t, between(t, 10, 12), between(t, 14, 20) ? 9 : 4);
            // The door open at 10 and 10.5 min, warm at 25 min: 14.5 min later, past the window.
            line(out, "slow", "reefers-west", t, between(t, 10, 11), between(t, 25, 27) ? 9 : 4);
            // The door open from 30 to 50 min: the window from its first open reading ends at 40.
            line(out, "left-open", "reefers-west", t, between(t, 30, 50), 4);
            // The door open from 49 min to the end: its window would end at 59, after the input's last watermark
            // (59:30 less the 30 s out-of-orderness).
            line(out, "open-at-end", "reefers-west", t, t >= T0 + 49 * MINUTE, 4);
            // Both sequences, but the rules are for reefers only.
            line(out, "pump", "pumps", t, between(t, 10, 30), between(t, 14, 20) ? 9 : 4);
        }
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    private static boolean between(long t, int fromMinute, int toMinute) {
        return t >= T0 + fromMinute * MINUTE && t < T0 + toMinute * MINUTE;
    }

    private static void line(StringBuilder out, String device, String group, long t, boolean doorOpen, double temp) {
        out.append("{\"deviceId\":\"").append(device).append("\",\"deviceGroup\":\"").append(group)
                .append("\",\"timestamp\":").append(t).append(",\"data\":{\"temp_c\":").append(temp)
                .append(",\"door_open\":").append(doorOpen ? 1 : 0).append("}}\n");
    }

    @BeforeEach
    void runTheJobsOnce() throws Exception {
        if (slowLake != null) {
            return;
        }
        fastLake = runFast();
        slowLake = runSlowly();
    }

    @Test
    void raisesWhenTheDoorOpensThenTheTemperatureRisesWithinTenMinutesButNotLater() throws Exception {
        // "slow" warms 14.5 min after its door closed, the pump is not a reefer: neither is raised
        assertThat(alarms(fastLake, "door-then-warm")).containsExactly(
                "quick door-then-warm RAISED MAJOR 14:00",
                "quick door-then-warm CLEARED MAJOR 21:00");
    }

    @Test
    void aDoorLeftOpenIsRaisedWhenTheWindowEndsClearedWhenItClosesAndNotRaisedPastTheEndOfTheInput()
            throws Exception {
        // "open-at-end"'s window ends at 59:00, past the last watermark (58:59.999): a live run had not got there
        assertThat(alarms(fastLake, "door-left-open")).containsExactly(
                "left-open door-left-open RAISED WARNING 40:00",
                "left-open door-left-open CLEARED WARNING 50:00");
    }

    @Test
    void theRaisedAlarmSaysWhichReadingsMetTheSteps() throws Exception {
        List<Map<String, Object>> raised = LakeReader.read(fastLake, "alarms").stream()
                .filter(a -> "RAISED".equals(a.get("state"))).collect(Collectors.toList());
        assertThat(raised).extracting(a -> a.get("message")).containsExactlyInAnyOrder(
                "door_open == 1, then temp_c > 8, within 10m (door_open=1.0 at 2025-11-20T12:10:00Z, temp_c=9.0 at"
                        + " 2025-11-20T12:14:00Z)",
                "door_open == 1, then no door_open == 0, within 10m (door_open=1.0 at 2025-11-20T12:30:00Z, no"
                        + " door_open == 0 until 2025-11-20T12:40:00Z)");
    }

    @Test
    void readFastOrSlowlyTheAlarmsAreTheSame() throws Exception {
        List<String> fast = rows(fastLake);
        assertThat(fast).hasSize(4);
        assertThat(rows(slowLake)).isEqualTo(fast);
    }

    private static List<String> alarms(Path lake, String rule) throws Exception {
        return LakeReader.read(lake, "alarms").stream().filter(a -> rule.equals(a.get("rule")))
                .sorted((a, b) -> Long.compare((Long) a.get("event_time"), (Long) b.get("event_time")))
                .map(a -> a.get("device_id") + " " + a.get("rule") + " " + a.get("state") + " " + a.get("severity")
                        + " " + clock((Long) a.get("event_time")))
                .collect(Collectors.toList());
    }

    private static String clock(long t) {
        long s = (t - T0) / SECOND;
        return String.format("%02d:%02d", s / 60, s % 60);
    }

    private static List<String> rows(Path lake) throws Exception {
        return LakeReader.read(lake, "alarms").stream().map(Map::toString).sorted().collect(Collectors.toList());
    }

    private static FleetConfig config(Path lake, String watermarkInterval) {
        return Pipelines.config(Map.of(
                "source.type", "file",
                "source.file.path", file.getParent().toUri().toString(),
                "lake.path", lake.toUri().toString(),
                "rules.path", rules.toString(),
                "parse.max-future", "3650 d",
                "flink.parallelism.default", "1",
                "flink.pipeline.auto-watermark-interval", watermarkInterval));
    }

    /** No periodic watermark before the end: the whole file is read at once. */
    private static Path runFast() throws Exception {
        Path lake = dir.resolve("fast");
        FleetConfig cfg = config(lake, "1 h");
        StreamExecutionEnvironment env = Environments.create(cfg);
        TelemetryJob.define(env, cfg);
        env.execute("fast");
        return lake;
    }

    /** A millisecond a record, with periodic watermarks all along, as live data arrives. */
    private static Path runSlowly() throws Exception {
        Path lake = dir.resolve("slow");
        FleetConfig cfg = config(lake, "10 ms");
        StreamExecutionEnvironment env = Environments.create(cfg);
        DataStream<RawRecord> raw = Sources.create(env, cfg).map(new Slowly())
                .returns(TypeInformation.of(RawRecord.class)).name("slowly");
        PipelineStreams streams = TelemetryPipeline.build(raw, cfg);
        LakeOutputs.attach(streams, lake.toUri().toString(), cfg);
        env.execute("slow");
        return lake;
    }

}
