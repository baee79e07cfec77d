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
import java.util.stream.IntStream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleet rules through the real pipeline (the alarm operator, its devices-seen notes, the fleet operator) on a file of
 * 30 reefers at one site reporting every 30 s for an hour, 24 of them silent from about 20 to 40 min, read as fast
 * as it can be and slowly: one alarm per group and rule, the per-device offline alarms covered from its raise on.
 */
class FleetAlarmsTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());


    private static final String RULES = String.join("\n",
            "rules:",
            "  - {name: device-offline, kind: offline, after: 5m, severity: MAJOR}",
            "  - name: site-down",
            "    kind: fleet",
            "    groups: [\"reefers-*\"]",
            "    of: device-offline",
            "    count: 20",
            "    severity: CRITICAL",
            "    clear-below: 5",
            "    clear-for: 2m",
            "  - {name: half-down, kind: fleet, groups: [\"reefers-*\"], of: device-offline, share: 0.5, window: 10m}",
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
            for (int i = 0; i < 30; i++) {
                // 0-7 silent from 20 min, 8-15 from 21, 16-23 from 22, all back at 40: offline at 24:30, 25:30, 26:30
                boolean silent = i < 24 && t >= T0 + (20 + i / 8) * MINUTE && t < T0 + 40 * MINUTE;
                if (!silent) {
                    line(out, reefer(i), "reefers-west", t);
                }
            }
            line(out, "pump-1", "pumps", t);
        }
        Files.writeString(runs.file, out.toString(), StandardCharsets.UTF_8);
    }

    private static String reefer(int i) {
        return String.format("reefer-%02d", i);
    }

    private static void line(StringBuilder out, String device, String group, long t) {
        out.append("{\"deviceId\":\"").append(device).append("\",\"deviceGroup\":\"").append(group)
                .append("\",\"timestamp\":").append(t).append(",\"data\":{\"temp_c\":4}}\n");
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
    void raisesOneSiteDownAlarmWhenTwentyReefersAreOfflineAtOnceAndClearsItWhenTheyComeBack() throws Exception {
        assertThat(alarms(fastLake, "site-down")).containsExactly(
                "reefers-west/ site-down RAISED CRITICAL 26:30",
                "reefers-west/ site-down CLEARED CRITICAL 42:00");
        Map<String, Object> raised = rows(fastLake, "site-down").get(0);
        assertThat(raised.get("values")).isEqualTo("devices=24: " + IntStream.range(0, 24)
                .mapToObj(FleetAlarmsTest::reefer).collect(Collectors.joining(" ")));
        assertThat(raised.get("kind")).isEqualTo("fleet");
    }

    @Test
    void aShareRuleCountsTheDevicesSeenWithinItsWindow() throws Exception {
        // 16 of the 30 reefers seen within 10 min at 25:30; cleared as soon as fewer than half are offline
        assertThat(alarms(fastLake, "half-down")).containsExactly(
                "reefers-west/ half-down RAISED WARNING 25:30",
                "reefers-west/ half-down CLEARED WARNING 40:00");
    }

    @Test
    void theDevicesOfflineAlarmsStayInTheTableCoveredFromTheFleetAlarmsRaiseOn() throws Exception {
        List<Map<String, Object>> offline = rows(fastLake, "device-offline");
        assertThat(offline).hasSize(48);
        String siteDown = (String) rows(fastLake, "site-down").get(0).get("alarm_id");
        // the first 8 went out before any fleet alarm; the next 8 raised half-down; the last 8 raised site-down too
        assertThat(offline.stream().filter(a -> "RAISED".equals(a.get("state")))
                .filter(a -> ((String) a.get("message")).contains("covered by fleet alarm")))
                .extracting(a -> a.get("device_id")).containsExactlyInAnyOrderElementsOf(IntStream.range(8, 24)
                        .mapToObj(FleetAlarmsTest::reefer).collect(Collectors.toList()));
        assertThat(offline.stream().filter(a -> "CLEARED".equals(a.get("state"))))
                .hasSize(24).allMatch(a -> ((String) a.get("message")).endsWith("(covered by fleet alarm " + siteDown
                        + " of site-down)"));
        assertThat(alarms(fastLake, "device-offline")).noneMatch(a -> a.startsWith("pumps"));
    }

    @Test
    void readFastOrSlowlyTheAlarmsAreTheSame() throws Exception {
        List<String> fast = allAlarms(fastLake);
        assertThat(fast).hasSize(52);
        assertThat(allAlarms(slowLake)).isEqualTo(fast);
    }

    @Test
    void aCommandWithoutADeviceReachesItsGroupsFleetAlarmAndADevicesCommandStillItsDevice() throws Exception {
        long at30 = T0 + 30 * MINUTE;
        Path lake = runs.runWithCommands("commands", List.of(
                "{\"command\":\"ACKNOWLEDGE\",\"deviceGroup\":\"reefers-west\",\"rule\":\"site-down\","
                        + "\"timestamp\":" + at30 + ",\"user\":\"alice\"}",
                "{\"command\":\"SHELVE\",\"deviceGroup\":\"reefers-west\",\"rule\":\"half-down\","
                        + "\"timestamp\":" + at30 + ",\"shelveFor\":\"5m\"}",
                "{\"command\":\"ACKNOWLEDGE\",\"deviceId\":\"reefer-00\",\"deviceGroup\":\"reefers-west\","
                        + "\"rule\":\"device-offline\",\"timestamp\":" + at30 + "}",
                "{\"command\":\"RESET\",\"deviceGroup\":\"pumps\",\"timestamp\":" + at30 + "}",
                "{\"command\":\"RESET\",\"timestamp\":" + at30 + "}"));
        assertThat(alarms(lake, "site-down")).containsExactly(
                "reefers-west/ site-down RAISED CRITICAL 26:30",
                "reefers-west/ site-down ACKNOWLEDGED CRITICAL 30:00",
                "reefers-west/ site-down CLEARED CRITICAL 42:00");
        assertThat(rows(lake, "site-down").get(1).get("message")).isEqualTo("acknowledged by alice");
        // off the shelf at 35:00 with the devices still down: a new alarm
        assertThat(alarms(lake, "half-down")).containsExactly(
                "reefers-west/ half-down RAISED WARNING 25:30",
                "reefers-west/ half-down SHELVED WARNING 30:00",
                "reefers-west/ half-down RAISED WARNING 35:00",
                "reefers-west/ half-down CLEARED WARNING 40:00");
        assertThat(alarms(lake, "device-offline")).filteredOn(a -> a.contains("ACKNOWLEDGED"))
                .containsExactly("reefers-west/reefer-00 device-offline ACKNOWLEDGED MAJOR 30:00");
        assertThat(LakeReader.read(lake, "dead_letters")).singleElement().satisfies(d -> {
            assertThat(d.get("reason")).isEqualTo("INVALID_COMMAND");
            assertThat((String) d.get("detail")).contains("'deviceGroup' without 'deviceId'");
        });
    }

    private static List<String> alarms(Path lake, String rule) throws Exception {
        return rows(lake, rule).stream().map(a -> a.get("device_group") + "/" + a.get("device_id") + " "
                + a.get("rule") + " " + a.get("state") + " " + a.get("severity") + " "
                + clock((Long) a.get("event_time"))).collect(Collectors.toList());
    }
}
