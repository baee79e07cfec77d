package io.fleetstream.jobs.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FleetSimulatorDeterminismTest {

    /** Two hours at one reading a minute: long enough for every kind of fault. */
    private static final SimulatorSpec SPEC =
            TestFleets.disturbed().toBuilder().interval(60_000).rounds(120).faultRate(0.5).build();

    /** Every payload of (round, device), in delivery order, one string per cell. */
    private static List<String> cells(FleetSimulator sim, boolean reversed) {
        int devices = sim.devices();
        int rounds = (int) sim.rounds();
        String[] cells = new String[rounds * devices];
        for (int i = 0; i < cells.length; i++) {
            int cell = reversed ? cells.length - 1 - i : i;
            StringBuilder sb = new StringBuilder();
            sim.payloads(cell / devices, cell % devices, p -> sb.append(Arrays.toString(p)).append('\n'));
            cells[cell] = sb.toString();
        }
        return Arrays.asList(cells);
    }

    @Test
    void sameSpecGivesIdenticalPayloads() {
        assertThat(cells(new FleetSimulator(SPEC), false)).isEqualTo(cells(new FleetSimulator(SPEC), false));
    }

    @Test
    void payloadsDoNotDependOnTheOrderTheyAreAskedFor() {
        FleetSimulator sim = new FleetSimulator(SPEC);
        assertThat(cells(sim, true)).isEqualTo(cells(sim, false));
    }

    @Test
    void parallelThreadsGenerateTheSamePayloads() {
        FleetSimulator sim = new FleetSimulator(SPEC);
        List<String> sequential = cells(sim, false);
        int devices = sim.devices();
        List<String> parallel = IntStream.range(0, sequential.size()).parallel().mapToObj(cell -> {
            StringBuilder sb = new StringBuilder();
            sim.payloads(cell / devices, cell % devices, p -> sb.append(Arrays.toString(p)).append('\n'));
            return sb.toString();
        }).collect(ArrayList::new, ArrayList::add, ArrayList::addAll);
        assertThat(parallel).isEqualTo(sequential);
    }

    @Test
    void aSerializedCopyGeneratesTheSamePayloadsAndGroundTruth() throws Exception {
        FleetSimulator sim = new FleetSimulator(SPEC);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(sim);
        }
        FleetSimulator copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (FleetSimulator) in.readObject();
        }
        assertThat(copy.spec()).isEqualTo(SPEC);
        assertThat(copy.groundTruth()).isEqualTo(sim.groundTruth());
        assertThat(cells(copy, false)).isEqualTo(cells(sim, false));
    }

    @Test
    void anotherSeedGivesAnotherFleet() {
        FleetSimulator a = new FleetSimulator(SPEC);
        FleetSimulator b = new FleetSimulator(SPEC.toBuilder().seed(43).build());
        assertThat(cells(b, false)).isNotEqualTo(cells(a, false));
        assertThat(a.groundTruth().faults()).hasSizeGreaterThan(30);
        assertThat(b.groundTruth()).isNotEqualTo(a.groundTruth());
    }

    @Test
    void devicesAreNamedByKindAndIndexAndGroupedByKindAndRegion() {
        FleetSimulator sim = new FleetSimulator(SPEC);
        assertThat(sim.deviceId(0)).isEqualTo("reefer-0000");
        assertThat(sim.deviceId(42)).isEqualTo("hvac-0042");
        assertThat(sim.deviceId(43)).isEqualTo("pump-0043");
        for (int d = 0; d < sim.devices(); d++) {
            DeviceKind kind = sim.kind(d);
            assertThat(sim.deviceId(d)).matches(kind.idPrefix() + "-\\d{4}");
            assertThat(sim.deviceGroup(d)).matches(kind.groupPrefix() + "-(north|south|east|west)");
        }
        assertThat(new FleetSimulator(SPEC.toBuilder().devices(12_345).build()).deviceId(12_344))
                .isEqualTo("reefer-12344");
    }

    @Test
    void roundsAndDevicesOutsideTheRunAreRejected() {
        FleetSimulator sim = new FleetSimulator(SPEC);
        assertThatThrownBy(() -> sim.payloads(120, 0)).hasMessageContaining("round must be in [0, 119], was 120");
        assertThatThrownBy(() -> sim.payloads(0, -1)).hasMessageContaining("device must be in [0, 119], was -1");
    }
}
