package io.fleetstream.operators.anomaly;

import io.fleetstream.anomaly.AnomalyDetector;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/** What the anomaly operator models and how: built from the {@code anomaly.*} options. */
public final class AnomalySettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Metrics to model, or empty: every metric of the device's first reading. */
    final List<String> metrics;
    final int trees;
    final int samples;
    final int shingle;
    final double anomalyRate;
    final long seed;
    final long ttlMillis;
    /** One forest per device group instead of per device. */
    final boolean byGroup;

    public AnomalySettings(List<String> metrics, int trees, int samples, int shingle, double anomalyRate, long seed,
            long ttlMillis) {
        this(metrics, trees, samples, shingle, anomalyRate, seed, ttlMillis, false);
    }

    public AnomalySettings(List<String> metrics, int trees, int samples, int shingle, double anomalyRate, long seed,
            long ttlMillis, boolean byGroup) {
        this.metrics = List.copyOf(metrics);
        this.trees = trees;
        this.samples = samples;
        this.shingle = shingle;
        this.anomalyRate = anomalyRate;
        this.seed = seed;
        this.ttlMillis = ttlMillis;
        this.byGroup = byGroup;
    }

    public boolean byGroup() {
        return byGroup;
    }

    /** The metrics a new device's model reads: the configured ones, or the first reading's, sorted. */
    String[] metricsFor(String[] firstReading) {
        if (!metrics.isEmpty()) {
            return metrics.toArray(new String[0]);
        }
        String[] m = firstReading.clone();
        Arrays.sort(m);
        return m;
    }

    /** Each forest gets its own seed, derived from the configured one and its key, so replays score the same. */
    AnomalyDetector newDetector(String key, int inputs) {
        return AnomalyDetector.builder()
                .inputs(inputs)
                .shingleSize(shingle)
                .numberOfTrees(trees)
                .sampleSize(samples)
                .anomalyRate(anomalyRate)
                .seed(seed * 31 + key.hashCode())
                .build();
    }
}
