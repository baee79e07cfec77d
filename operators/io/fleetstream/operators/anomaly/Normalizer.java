package io.fleetstream.operators.anomaly;

/**
 * Scales each metric by its own running mean and standard deviation before the forest sees it. A forest cuts
 * dimensions in proportion to their range, so without this a metric in the thousands (fan rpm) hides a
 * metric in single digits (temperature). The statistics follow a slow exponential average once {@link #MEMORY}
 * readings are in, and a value is scaled with the statistics from before it, so a spike does not dampen itself.
 */
final class Normalizer {
    /** Readings after which the statistics become a moving average of about this span. */
    static final int MEMORY = 2000;

    final double[] mean;
    final double[] var;
    long count;

    Normalizer(int n) {
        this(new double[n], new double[n], 0);
    }

    Normalizer(double[] mean, double[] var, long count) {
        this.mean = mean;
        this.var = var;
        this.count = count;
    }

    /** Scales {@code values} into {@code out}, then learns from them. */
    void scale(double[] values, double[] out) {
        for (int i = 0; i < values.length; i++) {
            double sd = Math.sqrt(var[i]);
            // A metric that barely moves (a setpoint) keeps a scale of its own size, not of its noise.
            double floor = Math.max(1e-3 * Math.abs(mean[i]), 1e-6);
            out[i] = count == 0 ? 0.0 : (values[i] - mean[i]) / Math.max(sd, floor);
        }
        count++;
        double alpha = 1.0 / Math.min(count, MEMORY);
        for (int i = 0; i < values.length; i++) {
            double delta = values[i] - mean[i];
            mean[i] += alpha * delta;
            var[i] = (1 - alpha) * (var[i] + alpha * delta * delta);
        }
    }

    Normalizer copy() {
        return new Normalizer(mean.clone(), var.clone(), count);
    }
}
