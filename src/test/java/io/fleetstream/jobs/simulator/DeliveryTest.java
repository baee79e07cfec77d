package io.fleetstream.jobs.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fleetstream.jobs.simulator.ContractParser.Invalid;
import io.fleetstream.jobs.simulator.ContractParser.Parsed;
import io.fleetstream.jobs.simulator.ContractParser.ParsedReading;
import io.fleetstream.jobs.simulator.TestFleets.Delivered;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bundles, duplicates, late and malformed payloads appear at about their configured rates. */
class DeliveryTest {

    private static SimulatorSpec spec;
    private static FleetSimulator sim;
    private static List<Delivered> delivered;
    private static List<SimulatedReading> readings;

    @BeforeAll
    static void generate() {
        spec = TestFleets.disturbed();
        sim = new FleetSimulator(spec);
        delivered = TestFleets.deliver(sim);
        readings = new ArrayList<>();
        sim.forEachReading(readings::add);
    }

    @Test
    void duplicatesAreTheSameBytesAgainAtAboutTheDuplicateRate() {
        Map<ByteBuffer, Long> firstRound = new HashMap<>();
        int duplicates = 0;
        for (Delivered d : delivered) {
            try {
                ContractParser.parse(d.payload);
            } catch (Invalid e) {
                continue; // truncated payloads of different readings can share the same prefix
            }
            Long before = firstRound.putIfAbsent(ByteBuffer.wrap(d.payload), d.round);
            if (before != null) {
                duplicates++;
                assertThat(d.round - before).isBetween(0L, (long) FleetSimulator.MAX_DUPLICATE_LAG);
            }
        }
        double rate = duplicates / (double) firstRound.size();
        assertThat(rate).isCloseTo(spec.duplicateRate(), within(0.01));
    }

    @Test
    void latePayloadsArriveOneToThreeRoundsLateAtAboutTheOutOfOrderRate() {
        int singles = 0;
        int late = 0;
        for (SimulatedReading r : readings) {
            if (r.bundled() || r.round() >= spec.rounds() - FleetSimulator.MAX_DELAY) {
                continue;
            }
            long delay = r.deliveryRound() - r.round();
            assertThat(delay).isBetween(0L, (long) FleetSimulator.MAX_DELAY);
            singles++;
            late += delay > 0 ? 1 : 0;
        }
        assertThat(late / (double) singles).isCloseTo(spec.outOfOrderRate(), within(0.015));
    }

    @Test
    void eventTimeGoesBackwardsInTheStreamOfADevice() {
        Map<String, Long> newest = new HashMap<>();
        int backwards = 0;
        int total = 0;
        for (Delivered d : delivered) {
            Parsed p;
            try {
                p = ContractParser.parse(d.payload);
            } catch (Invalid e) {
                continue;
            }
            for (ParsedReading r : p.readings) {
                total++;
                Long max = newest.get(p.deviceId);
                if (max != null && r.timestamp < max) {
                    backwards++;
                }
                newest.merge(p.deviceId, r.timestamp, Math::max);
            }
        }
        // Late payloads and duplicates: each is behind what was seen already.
        assertThat(backwards / (double) total)
                .isBetween(spec.outOfOrderRate() / 2, spec.outOfOrderRate() + spec.duplicateRate() * 1.5);
    }

    @Test
    void gatewaysSendOneBundleEveryBundleSizeRounds() {
        int gateways = 0;
        for (int d = 0; d < sim.devices(); d++) {
            gateways += sim.sendsBundles(d) ? 1 : 0;
        }
        assertThat(gateways / (double) sim.devices()).isCloseTo(spec.bundleFraction(), within(0.1));
        int bundles = 0;
        for (Delivered d : delivered) {
            Parsed p;
            try {
                p = ContractParser.parse(d.payload);
            } catch (Invalid e) {
                continue;
            }
            if (!p.bundle) {
                continue;
            }
            bundles++;
            boolean silent = sim.groundTruth().forDevice(p.deviceId)
                    .filter(f -> f.fault() == FaultType.DEVICE_SILENT).isPresent();
            if (!silent) {
                assertThat(p.readings).hasSize(spec.bundleSize());
            }
            for (int i = 1; i < p.readings.size(); i++) {
                assertThat(p.readings.get(i).seq).isGreaterThan(p.readings.get(i - 1).seq);
                assertThat(p.readings.get(i).timestamp).isGreaterThan(p.readings.get(i - 1).timestamp);
            }
        }
        assertThat(bundles).isGreaterThanOrEqualTo(gateways * (int) (spec.rounds() / spec.bundleSize()) * 9 / 10);
        for (SimulatedReading r : readings) {
            if (r.bundled()) {
                assertThat(r.deliveryRound() - r.round()).isBetween(0L,
                        spec.bundleSize() - 1L + FleetSimulator.MAX_DELAY);
            }
        }
    }

    @Test
    void malformedPayloadsAppearAtAboutTheMalformedRate() {
        Set<ByteBuffer> distinct = new HashSet<>();
        Set<ByteBuffer> malformed = new HashSet<>();
        for (Delivered d : delivered) {
            ByteBuffer key = ByteBuffer.wrap(d.payload);
            distinct.add(key);
            try {
                ContractParser.parse(d.payload);
            } catch (Invalid e) {
                malformed.add(key);
            }
        }
        assertThat(malformed.size() / (double) distinct.size()).isCloseTo(spec.malformedRate(), within(0.006));
    }

    @Test
    void isoTimestampsComeFromAboutTheConfiguredFractionOfDevices() {
        int iso = 0;
        for (int d = 0; d < sim.devices(); d++) {
            iso += sim.sendsIsoTimestamps(d) ? 1 : 0;
        }
        assertThat(iso / (double) sim.devices()).isCloseTo(spec.isoTimestampFraction(), within(0.1));
    }

    @Test
    void everyReadingIsDeliveredWithinTheAdvertisedLag() {
        for (SimulatedReading r : readings) {
            assertThat(r.deliveryRound()).isBetween(r.round(), r.round() + sim.maxDeliveryLagRounds());
            if (r.duplicated()) {
                assertThat(r.duplicateDeliveryRound()).isBetween(r.deliveryRound(),
                        r.round() + sim.maxDeliveryLagRounds());
            }
        }
    }

    @Test
    void readingsOfADeviceHaveIncreasingSeqAndTimestampsOneIntervalApart() {
        Map<Integer, SimulatedReading> previous = new HashMap<>();
        for (SimulatedReading r : readings) {
            SimulatedReading before = previous.put(r.device(), r);
            assertThat(r.timestamp()).isBetween(spec.start() + r.round() * spec.interval(),
                    spec.start() + (r.round() + 1) * spec.interval() - 1);
            if (before != null) {
                assertThat(r.seq() - before.seq()).isEqualTo(r.round() - before.round());
                assertThat(r.timestamp()).isGreaterThan(before.timestamp());
            }
        }
    }

    @Test
    void aCleanFleetDeliversOneValidSingleReadingPerDeviceAndRound() {
        FleetSimulator clean = new FleetSimulator(spec.toBuilder().clean().rounds(60).build());
        List<Delivered> all = TestFleets.deliver(clean);
        assertThat(all).hasSize(clean.devices() * 60);
        for (Delivered d : all) {
            Parsed p;
            try {
                p = ContractParser.parse(d.payload);
            } catch (Invalid e) {
                throw new AssertionError(e.reason, e);
            }
            assertThat(p.bundle).isFalse();
            assertThat(p.readings.get(0).isoTimestamp).isFalse();
            assertThat(p.readings.get(0).timestamp).isEqualTo(clean.timestamp(d.round, d.device));
        }
        assertThat(clean.groundTruth().faults()).isEmpty();
        assertThat(clean.expectedValidReadings()).isEqualTo(clean.devices() * 60L);
    }

    @Test
    void aShortLastBundleFlushesTheFinalRounds() {
        FleetSimulator s = new FleetSimulator(spec.toBuilder().clean().bundleFraction(1).devices(4).rounds(15)
                .build());
        List<Integer> sizes = new ArrayList<>();
        for (long r = 0; r < 15; r++) {
            for (byte[] payload : s.payloads(r, 0)) {
                try {
                    sizes.add(ContractParser.parse(payload).readings.size());
                } catch (Invalid e) {
                    throw new AssertionError(e.reason, e);
                }
            }
        }
        assertThat(sizes).containsExactly(6, 6, 3);
    }
}
