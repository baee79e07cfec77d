package io.fleetstream.operators.rollup;

import io.fleetstream.model.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random input for rollups: a few devices whose metrics appear and disappear, readings out of order, some
 * late within the allowed lateness and some beyond it, watermarks that stall, creep and jump, and times that fall
 * on window boundaries (a window's end, its end - 1, its cleanup time) more often than chance would.
 */
final class RollupScenario {
    static final long T0 = 1_763_640_000_000L; // a whole hour
    private static final String[] METRICS = {"temp", "fuel", "door", "rpm"};

    /** A reading with its record timestamp, or a watermark when {@code reading} is null. */
    record Step(Reading reading, long time) {
        static Step watermark(long time) {
            return new Step(null, time);
        }

        boolean isWatermark() {
            return reading == null;
        }
    }

    private RollupScenario() {}

    static List<Step> random(long seed, int steps, RollupRig.Windows w) {
        Random rnd = new Random(seed);
        long lateness = w.lateness().toMillis();
        long boundary = new Slicing(List.of(w.tumbling(), w.sliding()), w.lateness()).slice();
        int devices = 1 + rnd.nextInt(5);
        boolean[][] has = new boolean[devices][METRICS.length];
        for (boolean[] d : has) {
            d[rnd.nextInt(METRICS.length)] = true;
        }
        long[] seq = new long[devices];
        List<Step> out = new ArrayList<>();
        long now = T0 + rnd.nextInt(60_000);
        long watermark = Long.MIN_VALUE;
        while (out.size() < steps) {
            double p = rnd.nextDouble();
            if (p < 0.72) {
                int d = rnd.nextInt(devices);
                if (rnd.nextInt(12) == 0) {
                    has[d][rnd.nextInt(METRICS.length)] ^= true; // a metric appears or disappears
                }
                long t = now - delay(rnd, lateness);
                if (rnd.nextInt(8) == 0) {
                    t = onBoundary(rnd, t, boundary, 0);
                }
                out.add(new Step(reading(rnd, d, seq[d]++, t, has[d]), t));
                now += rnd.nextInt(12_000);
            } else {
                if (p > 0.97) {
                    now += 60_000L * (2 + rnd.nextInt(15)); // a quiet spell, or a source catching up
                }
                long candidate = now - rnd.nextInt(90_000);
                if (rnd.nextInt(4) == 0) {
                    candidate = onBoundary(rnd, candidate, boundary, lateness);
                }
                watermark = Math.max(watermark, candidate);
                out.add(Step.watermark(watermark));
            }
        }
        return out;
    }

    /** Mostly in order, some within the lateness, some well beyond. */
    private static long delay(Random rnd, long lateness) {
        int q = rnd.nextInt(10);
        if (q < 6) {
            return rnd.nextInt(30_000);
        }
        if (q < 9) {
            return rnd.nextInt((int) Math.min(Integer.MAX_VALUE, 30_000 + lateness + 120_000));
        }
        return rnd.nextInt(15 * 60_000);
    }

    private static long onBoundary(Random rnd, long t, long boundary, long lateness) {
        long end = Math.floorDiv(t, boundary) * boundary;
        switch (rnd.nextInt(3)) {
            case 0:
                return end;
            case 1:
                return end - 1;
            default:
                return end - 1 + lateness;
        }
    }

    private static Reading reading(Random rnd, int d, long seq, long t, boolean[] has) {
        List<String> metrics = new ArrayList<>();
        for (int m = 0; m < METRICS.length; m++) {
            if (has[m]) {
                metrics.add(METRICS[m]);
            }
        }
        if (metrics.isEmpty()) {
            metrics.add(METRICS[rnd.nextInt(METRICS.length)]);
        }
        double[] values = new double[metrics.size()];
        for (int i = 0; i < values.length; i++) {
            // two decimals and ties: first and last break ties on event time by value
            values[i] = 20 + Math.round(rnd.nextGaussian() * 300) / 100.0;
        }
        return new Reading("dev-" + d, "group-" + (d % 2), t, seq, metrics.toArray(new String[0]), values);
    }
}
