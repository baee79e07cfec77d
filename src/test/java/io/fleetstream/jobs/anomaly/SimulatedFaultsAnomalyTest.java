package io.fleetstream.jobs.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.jobs.TelemetryJob;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.jobs.simulator.FaultType;
import io.fleetstream.jobs.simulator.GroundTruth;
import io.fleetstream.jobs.simulator.InjectedFault;
import io.fleetstream.lake.LakeReader;
import io.fleetstream.testing.Pipelines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's injected faults, through the whole job, against the anomalies it writes to the lake. */
class SimulatedFaultsAnomalyTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    /** Faults that change the values a device reports; a silent device or a stuck value is not a value anomaly. */
    private static final Set<FaultType> VISIBLE =
            Set.of(FaultType.COMPRESSOR_FAILURE, FaultType.SPIKE, FaultType.BEARING_WEAR);

    @Test
    void injectedFaultsRaiseAnomaliesOnTheirDevicesAndFewElsewhere(@TempDir Path dir) throws Exception {
        Path lake = dir.resolve("lake");
        Path truth = dir.resolve("truth.csv");
        // Out-of-orderness above the simulator's delivery lag (up to 5 rounds of 30 s): no reading arrives behind
        // the watermark, so every forest sees its device's readings in event-time order and the run is repeatable.
        FleetConfig cfg = Pipelines.config(Map.ofEntries(
                Map.entry("watermark.out-of-orderness", "3 min"),
                Map.entry("source.type", "simulator"),
                Map.entry("anomaly.enabled", "true"),
                Map.entry("simulator.devices", "60"),
                Map.entry("simulator.duration", "8 h"),
                Map.entry("simulator.interval", "30 s"),
                Map.entry("simulator.fault-rate", "0.5"),
                Map.entry("simulator.start", "2025-11-20T00:00:00Z"),
                Map.entry("simulator.ground-truth", truth.toString()),
                Map.entry("lake.path", lake.toUri().toString()),
                Map.entry("flink.parallelism.default", "2")));
        StreamExecutionEnvironment env = Environments.create(cfg);
        TelemetryJob.define(env, cfg);
        env.execute("anomaly-faults");

        List<InjectedFault> faults = GroundTruth.readCsv(truth).faults();
        Map<String, List<Long>> anomalies = new HashMap<>();
        for (Map<String, Object> a : LakeReader.read(lake, "anomalies")) {
            anomalies.computeIfAbsent((String) a.get("device_id"), k -> new ArrayList<>()).add((Long) a.get("event_time"));
        }
        // A forest scores nothing while it warms up (sample size / 4 = 64 readings, 32 min here).
        long warm = java.time.Instant.parse("2025-11-20T00:40:00Z").toEpochMilli();
        List<InjectedFault> visible = faults.stream()
                .filter(f -> VISIBLE.contains(f.fault()) && f.start() >= warm)
                .collect(Collectors.toList());
        assertThat(visible).as("the simulated fleet has faults to find").hasSizeGreaterThanOrEqualTo(5);

        List<String> missed = new ArrayList<>();
        for (InjectedFault f : visible) {
            boolean found = anomalies.getOrDefault(f.deviceId(), List.of()).stream()
                    .anyMatch(t -> t >= f.start() && t <= f.end());
            if (!found) {
                missed.add(f.deviceId() + " " + f.fault());
            }
        }
        Set<String> faulty = faults.stream().map(InjectedFault::deviceId).collect(Collectors.toSet());
        long readingsPerDevice = 8 * 60 * 2;
        long cleanDevices = 60 - faulty.size();
        long cleanAnomalies = anomalies.entrySet().stream().filter(e -> !faulty.contains(e.getKey()))
                .mapToLong(e -> e.getValue().size()).sum();
        System.out.printf("faults %d (%d value faults after warm-up, %d missed: %s); anomalies on %d fault-free devices: %d "
                + "(%.3f%% of their readings)%n", faults.size(), visible.size(), missed.size(), missed, cleanDevices,
                cleanAnomalies, 100.0 * cleanAnomalies / Math.max(1, cleanDevices * readingsPerDevice));

        assertThat(missed).as("value faults without an anomaly inside their window").isEmpty();
        assertThat((double) cleanAnomalies / (cleanDevices * readingsPerDevice))
                .as("anomaly rate on fault-free devices").isLessThan(0.01);
    }
}
