package io.fleetstream.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rollups computed the plain way (two passes over the readings of each window), to check the pipeline's. */
public final class ExpectedRollups {
    private ExpectedRollups() {}

    /**
     * Key {@code device|metric|spec|windowStart} to {count, min, max, sum, mean, stddev(NaN if none), first, last},
     * for the windows the final watermark closed: Flink fires a window once the watermark reaches its last
     * millisecond, {@code start + size - 1}.
     */
    public static Map<String, double[]> compute(List<TestInput.Row> rows, String spec, long size, long slide,
            long finalWatermark) {
        Map<String, java.util.List<double[]>> byWindow = new HashMap<>();
        for (TestInput.Row r : rows) {
            long lastStart = Math.floorDiv(r.time, slide) * slide;
            for (long start = lastStart; start > r.time - size; start -= slide) {
                if (start + size - 1 > finalWatermark) {
                    continue;
                }
                add(byWindow, r.device + "|temp_c|" + spec + "|" + start, r.time, r.temp);
                add(byWindow, r.device + "|door_open|" + spec + "|" + start, r.time, r.door);
            }
        }
        Map<String, double[]> out = new HashMap<>();
        byWindow.forEach((key, points) -> {
            int n = points.size();
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            double[] first = points.get(0);
            double[] last = points.get(0);
            for (double[] p : points) {
                min = Math.min(min, p[1]);
                max = Math.max(max, p[1]);
                sum += p[1];
                if (p[0] < first[0]) {
                    first = p;
                }
                if (p[0] > last[0]) {
                    last = p;
                }
            }
            double mean = sum / n;
            double ss = 0;
            for (double[] p : points) {
                ss += (p[1] - mean) * (p[1] - mean);
            }
            double stddev = n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1));
            out.put(key, new double[] {n, min, max, sum, mean, stddev, first[1], last[1]});
        });
        return out;
    }

    private static void add(Map<String, java.util.List<double[]>> m, String key, long time, double v) {
        m.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(new double[] {time, v});
    }
}
