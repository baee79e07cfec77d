package io.fleetstream.anomaly.bench;

import com.amazon.randomcutforest.RandomCutForest;
import com.amazon.randomcutforest.state.RandomCutForestMapper;
import com.amazon.randomcutforest.state.RandomCutForestState;
import io.fleetstream.anomaly.AnomalyDetector;
import io.fleetstream.anomaly.Result;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.Random;

/**
 * Ours against randomcutforest-core 4.4.0 in one JVM, same parameters (50 trees, sample 256, the reference's
 * default time decay for both): update+score throughput on one thread (best of five rounds after a warm-up
 * round, alternating), serialized bytes per model, restore time (median, after a JIT warm-up of both), the
 * keyed-state cycle (decode, score+update, encode) and a bit-exact round trip. Not a test: run it by hand, on a
 * quiet machine.
 *
 * <p>Usage: {@code java -Xms4g -Xmx4g -XX:+AlwaysPreTouch ... RcfBenchmark [points=20000]}. Give it a fixed,
 * pre-touched heap, as a Flink TaskManager runs with: in a JVM that grows its heap as it goes, the kernel's first
 * touch of each new page is charged to the CPU time of whichever thread allocates it, and decoding (which
 * allocates a whole model at once) paid up to half a millisecond a decode for it in runs here.
 */
public final class RcfBenchmark {
    private static final int TREES = 50;
    private static final int SAMPLE = 256;
    /** Timed throughput rounds per side, after one warm-up round; the best counts (least disturbed by the machine). */
    private static final int ROUNDS = 5;

    public static void main(String[] args) throws Exception {
        int points = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        int[][] configs = {{1, 4}, {4, 4}};
        System.out.printf("points per run %d, trees %d, sample %d, java %s; all times are CPU time of the "
                + "benchmark thread%n", points, TREES, SAMPLE, System.getProperty("java.version"));
        System.out.println(heapSetting());
        for (int[] c : configs) {
            run(c[0], c[1], points);
        }
    }

    static String heapSetting() {
        java.util.List<String> args = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        boolean preTouched = args.contains("-XX:+AlwaysPreTouch");
        boolean fixed = args.stream().anyMatch(a -> a.startsWith("-Xms"))
                && Runtime.getRuntime().totalMemory() == Runtime.getRuntime().maxMemory();
        return fixed && preTouched ? "heap: fixed and pre-touched (" + (Runtime.getRuntime().maxMemory() >> 20) + " MB)"
                : "heap: NOT fixed and pre-touched; page faults of a growing heap will be charged to the decoder "
                        + "(run with -Xms4g -Xmx4g -XX:+AlwaysPreTouch)";
    }

    static double[][] data(int inputs, int n, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][inputs];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < inputs; j++) {
                x[i][j] = 10 * Math.sin(i * 2 * Math.PI / 50 + j) + 20 * j + r.nextGaussian();
                if (r.nextDouble() < 0.002) {
                    x[i][j] += 15;
                }
            }
        }
        return x;
    }

    static void run(int inputs, int shingle, int points) throws Exception {
        int warm = 5000;
        double[][] x = data(inputs, warm + points, 7);
        double decay = 1.0 / (10 * SAMPLE);
        System.out.printf("%n== %d input(s) x shingle %d (time decay %.3g)%n", inputs, shingle, decay);

        // --- throughput: three rounds each, alternating; the best round counts (JIT warm, least disturbed by
        // whatever else the machine runs), the first round is warm-up
        double refRate = 0;
        double ourRate = 0;
        RandomCutForest ref = null;
        AnomalyDetector ours = null;
        for (int round = 0; round < ROUNDS + 1; round++) {
            ref = RandomCutForest.builder().dimensions(inputs * shingle).shingleSize(shingle)
                    .internalShinglingEnabled(true).numberOfTrees(TREES).sampleSize(SAMPLE).timeDecay(decay)
                    .randomSeed(42).build();
            for (int i = 0; i < warm; i++) {
                ref.getAnomalyScore(x[i]);
                ref.update(x[i]);
            }
            long t0 = cpuNanos();
            double sink = 0;
            for (int i = warm; i < warm + points; i++) {
                sink += ref.getAnomalyScore(x[i]);
                ref.update(x[i]);
            }
            double rr = points / ((cpuNanos() - t0) / 1e9);
            refRate = round == 0 ? 0 : Math.max(refRate, rr);

            ours = AnomalyDetector.builder().inputs(inputs).shingleSize(shingle).numberOfTrees(TREES)
                    .sampleSize(SAMPLE).timeDecay(decay).seed(42).build();
            for (int i = 0; i < warm; i++) {
                ours.process(x[i]);
            }
            t0 = cpuNanos();
            for (int i = warm; i < warm + points; i++) {
                sink += ours.process(x[i]).score();
            }
            double or = points / ((cpuNanos() - t0) / 1e9);
            ourRate = round == 0 ? 0 : Math.max(ourRate, or);
            if (sink == 42) {
                System.out.println();
            }
        }
        System.out.printf("update+score per CPU-second: reference %.0f | ours %.0f | ratio %.2fx (target >= 2)%n",
                refRate, ourRate, ourRate / refRate);

        // --- serialized size and restore time of the reference: every mapper option, Java serialization
        long refSmallest = Long.MAX_VALUE;
        double refSmallestRestore = 0;
        double refFastestRestore = Double.MAX_VALUE;
        for (boolean tree : new boolean[] {false, true}) {
            for (boolean comp : new boolean[] {false, true}) {
                RandomCutForestMapper m = new RandomCutForestMapper();
                m.setSaveExecutorContextEnabled(true);
                m.setSaveTreeStateEnabled(tree);
                m.setCompressionEnabled(comp);
                RandomCutForestState st = m.toState(ref);
                ByteArrayOutputStream bo = new ByteArrayOutputStream();
                try (ObjectOutputStream oo = new ObjectOutputStream(bo)) {
                    oo.writeObject(st);
                }
                byte[] b = bo.toByteArray();
                Task restoreRef = () -> {
                    try (ObjectInputStream oi = new ObjectInputStream(new ByteArrayInputStream(b))) {
                        RandomCutForestState s2 = (RandomCutForestState) oi.readObject();
                        return new RandomCutForestMapper().toModel(s2);
                    }
                };
                // JIT warm-up first, as for ours: a cold restore runs partly interpreted and would flatter us
                medianMillis(20, restoreRef);
                double restore = medianMillis(15, restoreRef);
                System.out.printf("reference saveTreeState=%-5b compression=%-5b bytes %7d restore %7.3f ms%n", tree,
                        comp, b.length, restore);
                if (b.length < refSmallest) {
                    refSmallest = b.length;
                    refSmallestRestore = restore;
                }
                refFastestRestore = Math.min(refFastestRestore, restore);
            }
        }

        // --- ours
        AnomalyDetector model = ours;
        byte[] enc = model.encode();
        double[] next = x[x.length - 1];
        for (int i = 0; i < 300; i++) {
            // JIT warm-up of the codec paths before they are timed
            AnomalyDetector.decode(model.encode()).process(next);
        }
        double encodeMs = medianMillis(200, model::encode);
        double decodeMs = medianMillis(200, () -> AnomalyDetector.decode(enc));
        double decodeProcessMs = medianMillis(200, () -> AnomalyDetector.decode(enc).process(next));
        double processMs = 1000.0 / ourRate;
        System.out.printf("ours bytes %d (%.3f of reference smallest %d; target <= 0.25)%n", enc.length,
                enc.length / (double) refSmallest, refSmallest);
        System.out.printf("ours encode %.3f ms, decode %.3f ms (%.1fx faster than reference smallest's restore "
                + "%.3f ms, %.1fx than its fastest %.3f ms; target >= 20x)%n", encodeMs, decodeMs,
                refSmallestRestore / decodeMs, refSmallestRestore, refFastestRestore / decodeMs, refFastestRestore);
        System.out.printf("ours decode+process one point %.3f ms (a warm process alone %.3f ms): the per-event "
                + "model cost with state that is deserialized on every access, plus encode%n", decodeProcessMs,
                processMs);

        // --- the keyed-state access pattern: bytes -> model -> score and update one point -> bytes
        byte[][] state = {enc};
        int[] at = {0};
        double ourCycle = medianMillis(300, () -> {
            AnomalyDetector m = AnomalyDetector.decode(state[0]);
            m.process(x[at[0]++ % x.length]);
            state[0] = m.encode();
            return state[0];
        });
        AnomalyDetector scratch = AnomalyDetector.decode(enc);
        byte[][] state2 = {enc};
        double ourCycleReuse = medianMillis(300, () -> {
            AnomalyDetector m = AnomalyDetector.decode(state2[0], scratch);
            m.process(x[at[0]++ % x.length]);
            state2[0] = m.encode();
            return state2[0];
        });
        double decodeReuseMs = medianMillis(200, () -> AnomalyDetector.decode(enc, scratch));
        RandomCutForestMapper small = new RandomCutForestMapper();
        small.setSaveExecutorContextEnabled(true);
        small.setCompressionEnabled(true);
        byte[][] refState = {javaSerialize(small.toState(ref))};
        double refCycle = medianMillis(21, () -> {
            RandomCutForestState s;
            try (ObjectInputStream oi = new ObjectInputStream(new ByteArrayInputStream(refState[0]))) {
                s = (RandomCutForestState) oi.readObject();
            }
            RandomCutForest f = small.toModel(s);
            double[] p = x[at[0]++ % x.length];
            f.getAnomalyScore(p);
            f.update(p);
            refState[0] = javaSerialize(small.toState(f));
            return refState[0];
        });
        System.out.printf("per event with state as bytes (decode, score+update, encode): reference %.3f ms | ours "
                + "%.3f ms (%.1fx), ours decoding into a reused detector %.3f ms (%.1fx; that decode alone %.3f ms)%n",
                refCycle, ourCycle, refCycle / ourCycle, ourCycleReuse, refCycle / ourCycleReuse, decodeReuseMs);

        // --- exactness: a decoded copy scores the next points bit-identically
        AnomalyDetector copy = AnomalyDetector.decode(enc);
        double[][] more = data(inputs, 2000, 99);
        int mismatches = 0;
        for (double[] p : more) {
            Result a = model.process(p);
            Result b = copy.process(p);
            if (Double.doubleToLongBits(a.score()) != Double.doubleToLongBits(b.score())
                    || a.grade() != b.grade()) {
                mismatches++;
            }
        }
        System.out.printf("round trip: %d of %d later scores differ (must be 0); re-encoded bytes equal: %b%n",
                mismatches, more.length, Arrays.equals(model.encode(), copy.encode()));
    }

    static byte[] javaSerialize(Object o) throws java.io.IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (ObjectOutputStream oo = new ObjectOutputStream(bo)) {
            oo.writeObject(o);
        }
        return bo.toByteArray();
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** CPU time of this thread: the machine is shared, and wall time would charge us for other processes. */
    static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    interface Task {
        Object run() throws Exception;
    }

    static double medianMillis(int reps, Task task) throws Exception {
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = cpuNanos();
            Object o = task.run();
            t[i] = (cpuNanos() - t0) / 1e6;
            if (o == null) {
                t[i] += 0;
            }
        }
        Arrays.sort(t);
        return t[reps / 2];
    }
}
