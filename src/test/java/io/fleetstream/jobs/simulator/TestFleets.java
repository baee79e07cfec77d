package io.fleetstream.jobs.simulator;

import java.util.ArrayList;
import java.util.List;

/** Fleets shared by the tests, and every payload a fleet delivers. */
final class TestFleets {

    /** 2025-11-20T10:15:30.250Z: not on a second, minute or day boundary, so no alignment hides a bug. */
    static final long START = 1_763_633_730_250L;

    private TestFleets() {
    }

    /** One hour of a 120-device fleet with every disturbance well above its default rate. */
    static SimulatorSpec disturbed() {
        return SimulatorSpec.builder().start(START).devices(120).rounds(360).bundleFraction(0.25)
                .duplicateRate(0.05).outOfOrderRate(0.08).malformedRate(0.02).isoTimestampFraction(0.25).build();
    }

    static final class Delivered {
        final long round;
        final int device;
        final byte[] payload;

        Delivered(long round, int device, byte[] payload) {
            this.round = round;
            this.device = device;
            this.payload = payload;
        }
    }

    static List<Delivered> deliver(FleetSimulator sim) {
        List<Delivered> all = new ArrayList<>();
        for (long r = 0; r < sim.rounds(); r++) {
            for (int d = 0; d < sim.devices(); d++) {
                long round = r;
                int device = d;
                sim.payloads(r, d, p -> all.add(new Delivered(round, device, p)));
            }
        }
        return all;
    }
}
