package io.fleetstream.testing;

/** The seed of a fault test's random moments: new each run, printed, and given back by -Dfleetstream.fault-seed. */
public final class FaultSeeds {
    private FaultSeeds() {}

    public static long next(String test) {
        long seed = Long.getLong("fleetstream.fault-seed", System.nanoTime());
        System.out.println(test + " seed " + seed + " (rerun with -Dfleetstream.fault-seed=" + seed + ")");
        return seed;
    }
}
