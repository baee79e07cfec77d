package io.fleetstream.jobs.simulator;

/**
 * Prints single-core payload generation speed: {@code java ... io.fleetstream.jobs.simulator.SimulatorThroughput
 * [devices] [rounds]}. Not a test: speed depends on the machine, so nothing asserts it.
 */
public final class SimulatorThroughput {

    private SimulatorThroughput() {
    }

    public static void main(String[] args) {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long rounds = args.length > 1 ? Long.parseLong(args[1]) : 300;
        FleetSimulator sim = new FleetSimulator(
                SimulatorSpec.builder().start(1_763_633_730_250L).devices(devices).rounds(rounds).build());
        long[] sink = new long[2];
        for (int pass = 0; pass < 3; pass++) {
            sink[0] = 0;
            sink[1] = 0;
            long t0 = System.nanoTime();
            for (long r = 0; r < rounds; r++) {
                sim.payloads(r, p -> {
                    sink[0]++;
                    sink[1] += p.length;
                });
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("pass %d: %,d payloads, %,d bytes in %.2f s: %,.0f payloads/s, %.0f MB/s%n", pass,
                    sink[0], sink[1], seconds, sink[0] / seconds, sink[1] / seconds / 1e6);
        }
    }
}
