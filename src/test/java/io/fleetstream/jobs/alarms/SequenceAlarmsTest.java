package io.fleetstream.jobs.alarms;

import static io.fleetstream.jobs.alarms.AlarmFileRuns.MINUTE;
import static io.fleetstream.jobs.alarms.AlarmFileRuns.SECOND;
import static io.fleetstream.jobs.alarms.AlarmFileRuns.T0;
import static io.fleetstream.jobs.alarms.AlarmFileRuns.allAlarms;
import static io.fleetstream.jobs.alarms.AlarmFileRuns.clock;
import static io.fleetstream.jobs.alarms.AlarmFileRuns.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.lake.LakeReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
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

    static AlarmFileRuns runs;
    static Path fastLake;
    static Path slowLake;

    @BeforeAll
    static void writeInput() throws Exception {
        runs = new AlarmFileRuns(dir, RULES);
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
        Files.writeString(runs.file, out.toString(), StandardCharsets.UTF_8);
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
        fastLake = runs.run("fast", false);
        slowLake = runs.run("slow", true);
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
        List<String> fast = allAlarms(fastLake);
        assertThat(fast).hasSize(4);
        assertThat(allAlarms(slowLake)).isEqualTo(fast);
    }

    private static List<String> alarms(Path lake, String rule) throws Exception {
        return rows(lake, rule).stream().map(a -> a.get("device_id") + " " + a.get("rule") + " " + a.get("state")
                + " " + a.get("severity") + " " + clock((Long) a.get("event_time"))).collect(Collectors.toList());
    }
}
