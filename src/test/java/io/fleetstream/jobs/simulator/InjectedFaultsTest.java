package io.fleetstream.jobs.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each injected fault is visible in the signal, where the ground truth says, and nowhere else. A fault-free twin of
 * the fleet (same seed, fault rate 0) gives the signal each device would have had, so effects are measured exactly.
 */
class InjectedFaultsTest {

    private static final long MINUTE = 60_000;

    private static SimulatorSpec spec;
    private static FleetSimulator sim;
    private static Map<String, List<SimulatedReading>> faulty;
    private static Map<String, Map<Long, SimulatedReading>> twin;

    @BeforeAll
    static void generate() {
        spec = SimulatorSpec.builder().start(TestFleets.START).devices(240).rounds(1080).clean().faultRate(1.0)
                .bundleFraction(0.3).build();
        sim = new FleetSimulator(spec);
        faulty = new HashMap<>();
        sim.forEachReading(r -> faulty.computeIfAbsent(r.deviceId(), k -> new ArrayList<>()).add(r));
        twin = new HashMap<>();
        new FleetSimulator(spec.toBuilder().faultRate(0).build())
                .forEachReading(r -> twin.computeIfAbsent(r.deviceId(), k -> new HashMap<>()).put(r.round(), r));
    }

    private static List<InjectedFault> faults(FaultType type) {
        List<InjectedFault> list = new ArrayList<>();
        for (InjectedFault f : sim.groundTruth().faults()) {
            if (f.fault() == type) {
                list.add(f);
            }
        }
        assertThat(list).as("faults of type %s", type).hasSizeGreaterThanOrEqualTo(5);
        return list;
    }

    private static List<SimulatedReading> readings(InjectedFault f, Predicate<SimulatedReading> which) {
        List<SimulatedReading> list = new ArrayList<>();
        for (SimulatedReading r : faulty.get(f.deviceId())) {
            if (which.test(r)) {
                list.add(r);
            }
        }
        return list;
    }

    private static List<SimulatedReading> inWindow(InjectedFault f) {
        return readings(f, r -> f.covers(r.timestamp()));
    }

    private static double excess(SimulatedReading r, String metric) {
        return r.metrics().get(metric) - twin.get(r.deviceId()).get(r.round()).metrics().get(metric);
    }

    private static double v(SimulatedReading r, String metric) {
        return r.metrics().get(metric);
    }

    /** Longest stretch of consecutive readings that all satisfy {@code condition}, in ms of event time. */
    private static long longestRun(List<SimulatedReading> readings, Predicate<SimulatedReading> condition) {
        long longest = 0;
        SimulatedReading first = null;
        for (SimulatedReading r : readings) {
            if (condition.test(r)) {
                if (first == null) {
                    first = r;
                }
                longest = Math.max(longest, r.timestamp() - first.timestamp());
            } else {
                first = null;
            }
        }
        return longest;
    }

    @Test
    void everyDeviceGetsOneFaultOfItsKindWhollyInsideTheRun() {
        GroundTruth truth = sim.groundTruth();
        assertThat(truth.faults()).hasSize(spec.devices());
        Set<FaultType> types = EnumSet.noneOf(FaultType.class);
        for (InjectedFault f : truth.faults()) {
            types.add(f.fault());
            assertThat(f.kind().faultTypes()).contains(f.fault());
            assertThat(f.start()).isGreaterThanOrEqualTo(spec.start() + 10 * MINUTE);
            assertThat(f.end()).isGreaterThan(f.start()).isLessThanOrEqualTo(spec.end() - 10 * MINUTE);
            assertThat(f.deviceGroup()).startsWith(f.kind().groupPrefix() + "-");
            if (f.fault() != FaultType.DEVICE_SILENT) {
                assertThat(f.kind().metrics()).extracting(Metric::name).contains(f.metric());
            }
        }
        assertThat(types).containsExactlyInAnyOrder(FaultType.values());
    }

    @Test
    void outsideItsWindowAFaultyDeviceReadsExactlyLikeItsFaultFreeTwin() {
        for (InjectedFault f : sim.groundTruth().faults()) {
            List<SimulatedReading> outside = readings(f, r -> !f.covers(r.timestamp()));
            assertThat(outside).hasSizeGreaterThan((int) (spec.rounds() / 2));
            for (SimulatedReading r : outside) {
                SimulatedReading normal = twin.get(r.deviceId()).get(r.round());
                assertThat(r.timestamp()).isEqualTo(normal.timestamp());
                assertThat(r.metrics()).as("%s outside %s", r, f).isEqualTo(normal.metrics());
            }
        }
    }

    @Test
    void compressorFailureDriftsTempAboveSetpointPlusTwoThenAboveEight() {
        for (InjectedFault f : faults(FaultType.COMPRESSOR_FAILURE)) {
            assertThat(f.metric()).isEqualTo("temp_c");
            long repair = f.end() - 10 * MINUTE;
            double peak = 0;
            for (SimulatedReading r : inWindow(f)) {
                long since = r.timestamp() - f.start();
                double excess = excess(r, "temp_c");
                peak = Math.max(peak, excess);
                if (r.timestamp() < repair) {
                    assertThat(excess).isCloseTo(Math.min(0.2 * since / MINUTE, 10), within(0.011));
                }
                if (since >= 15 * MINUTE && r.timestamp() < repair) {
                    assertThat(v(r, "temp_c") - v(r, "setpoint_c")).as("%s", r).isGreaterThan(2);
                }
                if (since >= 35 * MINUTE && r.timestamp() < repair) {
                    assertThat(v(r, "temp_c")).as("%s", r).isGreaterThan(8);
                }
            }
            assertThat(peak).isCloseTo(10, within(0.011));
            List<SimulatedReading> all = faulty.get(f.deviceId());
            assertThat(longestRun(all, r -> v(r, "temp_c") > 8)).isGreaterThanOrEqualTo(20 * MINUTE);
            assertThat(longestRun(all, r -> Math.abs(v(r, "temp_c") - v(r, "setpoint_c")) > 2))
                    .isGreaterThanOrEqualTo(40 * MINUTE);
        }
    }

    @Test
    void doorLeftOpenHoldsDoorOpenTwentyToFortyMinutesWhileTempCreepsUp() {
        for (InjectedFault f : faults(FaultType.DOOR_LEFT_OPEN)) {
            assertThat(f.metric()).isEqualTo("door_open");
            List<SimulatedReading> window = inWindow(f);
            List<SimulatedReading> open = readings(f, r -> v(r, "door_open") == 1.0);
            assertThat(open.get(0)).isSameAs(window.get(0));
            long openMillis = open.get(open.size() - 1).timestamp() - open.get(0).timestamp();
            assertThat(openMillis).isBetween(20 * MINUTE - 2 * spec.interval(), 40 * MINUTE);
            assertThat(longestRun(faulty.get(f.deviceId()), r -> v(r, "door_open") == 1.0)).isEqualTo(openMillis);
            double before = -1;
            for (SimulatedReading r : open) {
                double excess = excess(r, "temp_c");
                assertThat(excess).isGreaterThanOrEqualTo(before - 0.011).isLessThanOrEqualTo(2.01);
                before = excess;
            }
            assertThat(before).isGreaterThan(0.9);
            for (SimulatedReading r : window) {
                assertThat(v(r, "temp_c")).as("no temperature alarm from a door: %s", r).isLessThan(8);
            }
        }
    }

    @Test
    void silentDeviceDeliversNoReadingInItsWindow() throws ContractParser.Invalid {
        for (InjectedFault f : faults(FaultType.DEVICE_SILENT)) {
            assertThat(f.metric()).isEmpty();
            assertThat(f.end() - f.start()).isBetween(15 * MINUTE, 30 * MINUTE);
            assertThat(inWindow(f)).isEmpty();
            assertThat(readings(f, r -> r.timestamp() < f.start() && r.timestamp() >= f.start() - 2 * spec.interval()))
                    .isNotEmpty();
            assertThat(readings(f, r -> r.timestamp() >= f.end() && r.timestamp() < f.end() + 2 * spec.interval()))
                    .isNotEmpty();
            int device = Integer.parseInt(f.deviceId().substring(f.deviceId().indexOf('-') + 1));
            int delivered = 0;
            for (long round = 0; round < spec.rounds(); round++) {
                for (byte[] payload : sim.payloads(round, device)) {
                    for (ContractParser.ParsedReading r : ContractParser.parse(payload).readings) {
                        delivered++;
                        assertThat(f.covers(r.timestamp)).as(new String(payload, StandardCharsets.UTF_8)).isFalse();
                    }
                }
            }
            assertThat(delivered).isEqualTo(faulty.get(f.deviceId()).size());
        }
    }

    @Test
    void stuckSensorRepeatsExactlyOneValue() {
        for (InjectedFault f : faults(FaultType.STUCK_SENSOR)) {
            List<SimulatedReading> window = inWindow(f);
            assertThat(window.size()).isGreaterThanOrEqualTo((int) (20 * MINUTE / spec.interval()) - 1);
            assertThat(window).extracting(r -> v(r, f.metric())).containsOnly(v(window.get(0), f.metric()));
            assertThat(window.stream().map(r -> twin.get(r.deviceId()).get(r.round()).metrics().get(f.metric()))
                    .distinct().count()).as("the healthy sensor moves").isGreaterThan(1);
        }
    }

    @Test
    void spikeRaisesAFewSingleReadingsFarOutsideTheNormalRange() {
        for (InjectedFault f : faults(FaultType.SPIKE)) {
            Metric metric = f.kind().metric(f.metric());
            List<SimulatedReading> spikes = readings(f, r -> excess(r, f.metric()) != 0);
            assertThat(spikes).hasSizeBetween(3, 5);
            assertThat(spikes.get(0).timestamp()).isEqualTo(f.start());
            assertThat(spikes.get(spikes.size() - 1).timestamp()).isEqualTo(f.end() - 1);
            for (int i = 0; i < spikes.size(); i++) {
                SimulatedReading r = spikes.get(i);
                assertThat(excess(r, f.metric())).isCloseTo(metric.spikeDelta(), within(0.011));
                assertThat(v(r, f.metric()) < metric.normalMin() || v(r, f.metric()) > metric.normalMax())
                        .as("%s outside [%s, %s]", r, metric.normalMin(), metric.normalMax()).isTrue();
                if (i > 0) {
                    assertThat(r.round() - spikes.get(i - 1).round()).as("single readings").isGreaterThan(1);
                }
            }
        }
    }

    @Test
    void bearingWearRaisesVibrationWhileTemperatureRisesForTenMinutesOrMore() {
        for (InjectedFault f : faults(FaultType.BEARING_WEAR)) {
            assertThat(f.metric()).isEqualTo("vibration_mm_s");
            long wear = (f.end() - f.start()) * 2 / 3;
            List<SimulatedReading> worn = readings(f, r -> r.timestamp() >= f.start() && r.timestamp() < f.start() + wear);
            double previous = -1;
            for (SimulatedReading r : worn) {
                double heat = excess(r, "temperature_c");
                assertThat(heat).isCloseTo(0.5 * (r.timestamp() - f.start()) / MINUTE, within(0.011))
                        .isGreaterThanOrEqualTo(previous - 0.011);
                previous = heat;
                if (r.timestamp() >= f.start() + 2 * MINUTE) {
                    assertThat(v(r, "vibration_mm_s")).as("%s", r).isGreaterThan(7);
                }
            }
            assertThat(longestRun(faulty.get(f.deviceId()), r -> v(r, "vibration_mm_s") > 4.5))
                    .isGreaterThanOrEqualTo(10 * MINUTE);
        }
    }

    @Test
    void faultFreeDevicesStayInTheirNormalRangesAllDayLong() {
        FleetSimulator clean = new FleetSimulator(SimulatorSpec.builder().start(TestFleets.START).devices(200)
                .interval(60_000).rounds(2 * 1440).faultRate(0).build());
        assertThat(clean.groundTruth().faults()).isEmpty();
        Map<String, double[]> seen = new HashMap<>();
        clean.forEachReading(r -> {
            for (Metric m : r.kind().metrics()) {
                double value = r.metrics().get(m.name());
                assertThat(value).as("%s", r).isBetween(m.normalMin(), m.normalMax());
                double[] range = seen.computeIfAbsent(r.kind() + "." + m.name(),
                        k -> new double[] {Double.MAX_VALUE, -Double.MAX_VALUE});
                range[0] = Math.min(range[0], value);
                range[1] = Math.max(range[1], value);
            }
            if (r.kind() == DeviceKind.REEFER) {
                assertThat(Math.abs(v(r, "temp_c") - v(r, "setpoint_c"))).as("%s", r).isLessThanOrEqualTo(1.0);
            }
        });
        // The signals move: no metric but the door is flat, each spans a good part of its normal range.
        for (DeviceKind kind : DeviceKind.values()) {
            for (Metric m : kind.metrics()) {
                double[] range = seen.get(kind + "." + m.name());
                assertThat(range[1] - range[0]).as(m.name())
                        .isGreaterThanOrEqualTo(m.isBoolean() ? 0 : 0.25 * (m.normalMax() - m.normalMin()));
            }
        }
    }

    @Test
    void aboutTheFaultRateOfDevicesGetAFault() {
        FleetSimulator fleet = new FleetSimulator(SimulatorSpec.builder().start(TestFleets.START).devices(1000)
                .build());
        assertThat(fleet.groundTruth().size()).isBetween(70, 130);
    }

    @Test
    void shortRunsOnlyGetFaultsThatFit() {
        SimulatorSpec hour = spec.toBuilder().rounds(360).build();
        assertThat(new FleetSimulator(hour).groundTruth().faults()).isNotEmpty()
                .noneMatch(f -> f.fault() == FaultType.COMPRESSOR_FAILURE)
                .allMatch(f -> f.end() <= hour.end() - 10 * MINUTE);
        assertThat(new FleetSimulator(spec.toBuilder().rounds(150).build()).groundTruth().faults()).isEmpty();
    }

    @Test
    void groundTruthCsvHasOneRowPerFaultWithIsoTimesAndReadsBack(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("truth/ground-truth.csv");
        sim.groundTruth().writeCsv(file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("device_id,device_group,kind,fault,metric,start,end");
        assertThat(lines).hasSize(sim.groundTruth().size() + 1);
        InjectedFault first = sim.groundTruth().faults().get(0);
        assertThat(lines.get(1)).isEqualTo(String.join(",", first.deviceId(), first.deviceGroup(),
                first.kind().name(), first.fault().name(), first.metric(), Instant.ofEpochMilli(first.start()).toString(),
                Instant.ofEpochMilli(first.end()).toString()));
        assertThat(GroundTruth.readCsv(file)).isEqualTo(sim.groundTruth());
    }
}
