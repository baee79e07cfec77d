package io.fleetstream.jobs.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.fleetstream.jobs.simulator.ContractParser.Invalid;
import io.fleetstream.jobs.simulator.ContractParser.Parsed;
import io.fleetstream.jobs.simulator.ContractParser.ParsedReading;
import io.fleetstream.jobs.simulator.TestFleets.Delivered;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PayloadContractTest {

    private static FleetSimulator sim;
    private static List<Delivered> delivered;
    private static List<SimulatedReading> readings;

    @BeforeAll
    static void generate() {
        sim = new FleetSimulator(TestFleets.disturbed());
        delivered = TestFleets.deliver(sim);
        readings = new ArrayList<>();
        sim.forEachReading(readings::add);
    }

    private static String key(String deviceId, long seq) {
        return deviceId + '#' + seq;
    }

    @Test
    void everyWellFormedPayloadFollowsTheInputContract() {
        int wellFormed = 0;
        for (Delivered d : delivered) {
            Parsed p;
            try {
                p = ContractParser.parse(d.payload);
            } catch (Invalid e) {
                continue;
            }
            wellFormed++;
            String text = new String(d.payload, StandardCharsets.UTF_8);
            assertThat(p.deviceId).as(text).isEqualTo(sim.deviceId(d.device));
            assertThat(p.deviceGroup).as(text).isEqualTo(sim.deviceGroup(d.device));
            assertThat(p.bundle).as(text).isEqualTo(sim.sendsBundles(d.device));
            List<String> metricNames = new ArrayList<>();
            sim.kind(d.device).metrics().forEach(m -> metricNames.add(m.name()));
            for (ParsedReading r : p.readings) {
                assertThat(r.isoTimestamp).as(text).isEqualTo(sim.sendsIsoTimestamps(d.device));
                assertThat(r.seq).as(text).isNotNull();
                assertThat(new ArrayList<>(r.data.keySet())).as(text).isEqualTo(metricNames);
            }
            if (p.bundle) {
                assertThat(p.readings).hasSizeLessThanOrEqualTo(sim.spec().bundleSize());
            }
        }
        assertThat(wellFormed).isGreaterThan(delivered.size() * 9 / 10);
    }

    @Test
    void wellFormedPayloadsCarryExactlyTheValidReadingsGenerated() {
        Map<String, ParsedReading> received = new HashMap<>();
        Map<String, byte[]> firstPayload = new HashMap<>();
        for (Delivered d : delivered) {
            Parsed p;
            try {
                p = ContractParser.parse(d.payload);
            } catch (Invalid e) {
                continue;
            }
            for (ParsedReading r : p.readings) {
                String key = key(p.deviceId, r.seq);
                ParsedReading before = received.putIfAbsent(key, r);
                if (before != null) {
                    // The only way to see a reading twice is a duplicate: the very same payload again.
                    assertThat(d.payload).isEqualTo(firstPayload.get(key));
                } else {
                    firstPayload.put(key, d.payload);
                }
            }
        }
        int valid = 0;
        for (SimulatedReading r : readings) {
            ParsedReading got = received.get(key(r.deviceId(), r.seq()));
            if (!r.valid()) {
                assertThat(got).as("malformed %s", r).isNull();
                continue;
            }
            valid++;
            assertThat(got).as("%s", r).isNotNull();
            assertThat(got.timestamp).as("%s", r).isEqualTo(r.timestamp());
            assertThat(got.data).as("%s", r).isEqualTo(r.metrics());
        }
        assertThat(received).hasSize(valid);
        assertThat(sim.expectedValidReadings()).isEqualTo(valid);
    }

    @Test
    void malformedPayloadsAreRejectedForTheReasonTheyWereBrokenFor() {
        Map<Malformation, String> reasons = new EnumMap<>(Malformation.class);
        reasons.put(Malformation.TRUNCATED, "malformed JSON");
        reasons.put(Malformation.MISSING_DEVICE_ID, "missing field: deviceId");
        reasons.put(Malformation.BAD_TIMESTAMP, "bad timestamp");
        reasons.put(Malformation.NO_NUMERIC_VALUE, "no usable metric");
        // Which malformation each (device, round) delivers, from the generator's own account.
        Map<String, List<Malformation>> expected = new HashMap<>();
        long expectedCount = 0;
        for (SimulatedReading r : readings) {
            if (r.valid() || r.bundled() && r.round() != lastReadingOfBundle(r)) {
                continue;
            }
            expected.computeIfAbsent(r.device() + "@" + r.deliveryRound(), k -> new ArrayList<>())
                    .add(r.malformation());
            expectedCount++;
            if (r.duplicated()) {
                expected.computeIfAbsent(r.device() + "@" + r.duplicateDeliveryRound(), k -> new ArrayList<>())
                        .add(r.malformation());
                expectedCount++;
            }
        }
        Map<Malformation, Integer> seen = new EnumMap<>(Malformation.class);
        long rejected = 0;
        for (Delivered d : delivered) {
            try {
                ContractParser.parse(d.payload);
            } catch (Invalid e) {
                rejected++;
                List<Malformation> candidates = expected.get(d.device + "@" + d.round);
                assertThat(candidates).as(new String(d.payload, StandardCharsets.UTF_8)).isNotNull();
                Malformation m = candidates.stream().filter(c -> e.reason.startsWith(reasons.get(c))).findFirst()
                        .orElseGet(() -> fail("%s rejected as '%s', expected one of %s",
                                new String(d.payload, StandardCharsets.UTF_8), e.reason, candidates));
                seen.merge(m, 1, Integer::sum);
            }
        }
        assertThat(rejected).isEqualTo(expectedCount);
        assertThat(seen.keySet()).containsExactlyInAnyOrder(Malformation.values());
    }

    private static long lastReadingOfBundle(SimulatedReading r) {
        // The generator's view of the bundle's last reading is the latest reading with the same delivery.
        return readings.stream().filter(o -> o.device() == r.device() && o.deliveryRound() == r.deliveryRound()
                && o.round() / sim.spec().bundleSize() == r.round() / sim.spec().bundleSize())
                .mapToLong(SimulatedReading::round).max().getAsLong();
    }
}
