package io.fleetstream.anomaly.bench;

import io.fleetstream.anomaly.AnomalyDetector;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;

/**
 * What a reading costs when its device's model is not in the CPU's caches, as in a job where many devices take
 * turns: {@code models} detectors at the defaults (4 inputs, shingle 4, 50 trees, sample 256) are fed round-robin,
 * so each is evicted from the caches before its next point. Prints the CPU time per point (best of five rounds)
 * and the heap a model holds at each of a few ages. Not a test: run it by hand, on a quiet machine.
 *
 * <p>Usage: {@code java -Xmx8g ... ColdModelsBenchmark [models=200] [warm-up points per model=2600]
 * [points per model per round=3] [full|compact]}: compact makes every model compact from its first point, as the
 * anomaly operator does once its cache fills.
 */
public final class ColdModelsBenchmark {
    private ColdModelsBenchmark() {}

    public static void main(String[] args) {
        int models = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int warm = args.length > 1 ? Integer.parseInt(args[1]) : 2600;
        int per = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        boolean compact = args.length > 3 && args[3].equals("compact");
        heapByAge();
        AnomalyDetector[] ds = new AnomalyDetector[models];
        for (int i = 0; i < models; i++) {
            ds[i] = detector(42 + i);
            if (compact) {
                ds[i].compact();
            }
        }
        Random r = new Random(1);
        double[] x = new double[4];
        int step = 0;
        for (int i = 0; i < warm; i++) {
            for (AnomalyDetector d : ds) {
                fill(x, r, step++);
                d.process(x);
            }
        }
        long heap = 0;
        for (AnomalyDetector d : ds) {
            heap += d.heapBytes();
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long c0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < per; i++) {
                for (AnomalyDetector d : ds) {
                    fill(x, r, step++);
                    d.process(x);
                }
            }
            best = Math.min(best, (mx.getCurrentThreadCpuTime() - c0) / 1e3 / ((double) per * models));
        }
        System.out.printf("cold models%s: %d models after %d points each (%.2f MB each), best %.1f us per point%n",
                compact ? " (compact)" : "", models, warm, heap / 1e6 / models, best);
    }

    /** The heap of one model as it ages, and after a decode and one more point (as a cache holds it). */
    private static void heapByAge() {
        Random r = new Random(1);
        double[] x = new double[4];
        for (int n : new int[] {50, 100, 200, 400, 1000, 3000, 10000}) {
            AnomalyDetector d = detector(42);
            for (int i = 0; i < n; i++) {
                fill(x, r, i);
                d.process(x);
            }
            byte[] encoded = d.encode();
            AnomalyDetector decoded = AnomalyDetector.decode(encoded);
            decoded.process(x);
            AnomalyDetector compact = AnomalyDetector.decode(encoded);
            compact.compact();
            compact.process(x);
            System.out.printf("model after %,6d points: heap %.2f MB, decoded + 1 point %.2f MB (compact %.2f MB), "
                    + "encoded %,d bytes%n", n, d.heapBytes() / 1e6, decoded.heapBytes() / 1e6,
                    compact.heapBytes() / 1e6, encoded.length);
        }
    }

    private static AnomalyDetector detector(long seed) {
        return AnomalyDetector.builder().inputs(4).shingleSize(4).numberOfTrees(50).sampleSize(256).seed(seed).build();
    }

    /** A device's four metrics: noisy, constant, an occasional flag, a slow drift. */
    private static void fill(double[] x, Random r, int i) {
        x[0] = 4 + r.nextGaussian() * 0.3;
        x[1] = 4;
        x[2] = r.nextInt(20) == 0 ? 1 : 0;
        x[3] = 80 - (i / 40) * 0.01;
    }
}
