package io.fleetstream.operators.rollup;

import io.fleetstream.model.Reading;
import io.fleetstream.operators.rollup.RollupRig.Windows;
import io.fleetstream.operators.rollup.RollupScenario.Step;
import java.util.Random;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;

/**
 * Per-reading cost of the rollups (1m tumbling, 5m/1m sliding, lateness 2m): the two window operators the pipeline
 * had (each reading through both, one after the other) against the sliced operator, on RocksDB and on the heap, in
 * one thread. Each device sends 4 metrics every 10 s; a watermark follows every round. Not a test: run it and read
 * the figures.
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat target/test.classpath) \
 *     io.fleetstream.operators.rollup.RollupOperatorBenchmark [devices] [readingsPerDevice] [warmupRounds]</pre>
 */
public final class RollupOperatorBenchmark {
    private RollupOperatorBenchmark() {}

    private static final String[] METRICS = {"temp_c", "setpoint_c", "door_open", "fuel_pct"};

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int perDevice = args.length > 1 ? Integer.parseInt(args[1]) : 360;
        // past the first windows' cleanup (5m + 2m of event time = 42 rounds) state has its steady size
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : Math.min(perDevice / 2, 60);
        System.out.printf("rollups 1m + 5m/1m, lateness 2m: %,d devices x %,d readings, 4 metrics, every 10 s%n",
                devices, perDevice);
        for (String backend : new String[] {"rocksdb", "heap"}) {
            try (RollupRig windows = RollupRig.oracle(Windows.DEFAULT, backend(backend))) {
                run("window operators, " + backend, windows, devices, perDevice, warmup);
            }
            try (RollupRig sliced = RollupRig.sliced(Windows.DEFAULT, backend(backend))) {
                run("sliced operator, " + backend, sliced, devices, perDevice, warmup);
            }
        }
    }

    private static StateBackend backend(String name) {
        return name.equals("rocksdb") ? RollupRig.rocksDb() : new HashMapStateBackend();
    }

    private static void run(String name, RollupRig rig, int devices, int perDevice, int warmupRounds)
            throws Exception {
        Random random = new Random(1);
        String[] ids = new String[devices];
        for (int d = 0; d < devices; d++) {
            ids[d] = "dev-" + d;
        }
        long readings = 0;
        long rollups = 0;
        long start = 0;
        for (int round = 0; round < perDevice; round++) {
            if (round == warmupRounds) {
                start = System.nanoTime();
                readings = 0;
                rollups = 0;
            }
            long t = RollupScenario.T0 + round * 10_000L;
            for (int d = 0; d < devices; d++) {
                double[] v = {4 + random.nextGaussian() * 0.3, 4, random.nextInt(20) == 0 ? 1 : 0, 80 - round * 0.01};
                rollups += rig.stepAndDiscard(new Step(new Reading(ids[d], "g", t, (long) round, METRICS, v), t));
                readings++;
            }
            rollups += rig.stepAndDiscard(Step.watermark(t));
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("  %-26s %7.2f us/reading  (%,.0f readings/s; %,d readings and %,d rollup rows measured "
                + "after %d warm-up rounds)%n", name, secs * 1e6 / readings, readings / secs, readings, rollups,
                warmupRounds);
    }
}
