package io.fleetstream.jobs.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.jobs.TelemetryJob;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.jobs.simulator.GroundTruth;
import io.fleetstream.jobs.simulator.InjectedFault;
import io.fleetstream.lake.LakeReader;
import io.fleetstream.testing.Pipelines;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's injected faults through the whole job with the built-in rules, against the alarms table: every
 * fault raises the alarm made for it, inside the fault's window, no other rule raises anything, and anomaly bursts
 * on clean devices stay rare.
 */
class SimulatedFaultsAlarmTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    private static final Instant START = Instant.parse("2025-11-20T00:00:00Z");
    private static final Duration RUN = Duration.ofHours(8);

    @Test
    void everyInjectedFaultRaisesItsAlarmAndNoRuleRaisesAnythingElse(@TempDir Path dir) throws Exception {
        Path lake = dir.resolve("lake");
        Path truth = dir.resolve("truth.csv");
        // Out-of-orderness above the simulator's delivery lag (5 rounds of 10 s), so no reading is late for the
        // alarms however the two subtasks interleave: the outcome is the same on every run.
        // Anomaly scoring stays on, as shipped: its bursts on healthy devices are bounded below.
        FleetConfig cfg = Pipelines.config(Map.ofEntries(
                Map.entry("watermark.out-of-orderness", "2 min"),
                Map.entry("source.type", "simulator"),
                Map.entry("simulator.devices", "90"),
                Map.entry("simulator.duration", RUN.toHours() + " h"),
                Map.entry("simulator.interval", "10 s"),
                Map.entry("simulator.fault-rate", "0.6"),
                Map.entry("simulator.start", START.toString()),
                Map.entry("simulator.ground-truth", truth.toString()),
                Map.entry("lake.path", lake.toUri().toString()),
                Map.entry("flink.parallelism.default", "2")));
        StreamExecutionEnvironment env = Environments.create(cfg);
        TelemetryJob.define(env, cfg);
        env.execute("alarm-faults");

        List<InjectedFault> faults = GroundTruth.readCsv(truth).faults();
        List<Map<String, Object>> raised = LakeReader.read(lake, "alarms").stream()
                .filter(a -> "RAISED".equals(a.get("state"))).collect(Collectors.toList());

        // A fault that ends near the end of the run may not have had time to raise anything.
        long lastUseful = START.plus(RUN).minus(Duration.ofMinutes(45)).toEpochMilli();
        List<String> missed = new ArrayList<>();
        int checked = 0;
        for (InjectedFault f : faults) {
            if (f.end() > lastUseful) {
                continue;
            }
            checked++;
            String rule = expectedRule(f);
            boolean found = raised.stream().anyMatch(a -> f.deviceId().equals(a.get("device_id"))
                    && rule.equals(a.get("rule")) && within(f, (Long) a.get("event_time")));
            if (!found) {
                missed.add(f.deviceId() + " " + f.fault() + " " + f.metric() + " expected " + rule);
            }
        }
        List<String> unexplained = raised.stream()
                .filter(a -> faults.stream().noneMatch(f -> f.deviceId().equals(a.get("device_id"))
                        && explains(f, (String) a.get("rule")) && within(f, (Long) a.get("event_time"))))
                .map(a -> a.get("device_id") + " " + a.get("rule") + " at " + Instant.ofEpochMilli((Long) a.get(
                        "event_time")) + ": " + a.get("message"))
                .collect(Collectors.toList());
        System.out.printf("faults %d (%d checked), alarms raised %d, missed %s, unexplained %s%n", faults.size(),
                checked, raised.size(), missed, unexplained);

        assertThat(checked).as("the simulated fleet has faults of every kind").isGreaterThanOrEqualTo(20);
        assertThat(faults.stream().map(InjectedFault::fault).distinct()).hasSize(6);
        assertThat(missed).as("faults that raised no alarm").isEmpty();
        // Anomaly scores are on by default and their grade is set from an expected anomaly rate, so a clean device
        // can have a burst now and then: the rule alarms must all be explained; bursts must stay rare, below one per
        // 100 device-hours (the default rule counts more than one shingle's worth of anomalies for this).
        assertThat(unexplained.stream().filter(a -> !a.contains(" anomaly-burst at ")))
                .as("rule alarms no injected fault explains").isEmpty();
        long deviceHours = 90 * RUN.toHours();
        assertThat(unexplained.stream().filter(a -> a.contains(" anomaly-burst at ")).count())
                .as("anomaly bursts on devices without a fault").isLessThan(deviceHours / 100);
        assertThat(LakeReader.read(lake, "alarms")).extracting(a -> a.get("state"))
                .as("alarms clear once the fault is repaired").contains("CLEARED");
    }

    /** The built-in rule made for the fault (see jobs/resources/io/fleetstream/jobs/default-rules.yaml). */
    private static String expectedRule(InjectedFault f) {
        String kind = f.kind().idPrefix();
        switch (f.fault()) {
            case COMPRESSOR_FAILURE:
                return "reefer-temperature-high";
            case DOOR_LEFT_OPEN:
                return "reefer-door-open";
            case DEVICE_SILENT:
                return "device-offline";
            case STUCK_SENSOR:
                return kind + "-stuck-sensor." + f.metric();
            case SPIKE:
                return kind + "-spike." + f.metric();
            case BEARING_WEAR:
                return "pump-bearing-wear";
            default:
                throw new AssertionError(f.fault());
        }
    }

    private static boolean explains(InjectedFault f, String rule) {
        switch (f.fault()) {
            case COMPRESSOR_FAILURE:
                return rule.equals("reefer-temperature-high") || rule.equals("reefer-setpoint-deviation");
            default:
                return rule.equals(expectedRule(f));
        }
    }

    private static boolean within(InjectedFault f, long eventTime) {
        return eventTime >= f.start() && eventTime <= f.end();
    }
}
