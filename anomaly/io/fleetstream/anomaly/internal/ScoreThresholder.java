package io.fleetstream.anomaly.internal;

import java.util.function.DoubleSupplier;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Turns raw forest scores into an anomaly score and a grade without hand-picked cut-offs: a score counts by
 * how far it lies above the recent scores (exponentially weighted mean and deviation), the cut-off is the
 * normal quantile of the expected anomaly rate, and two guards keep what RCF scores high but no user would
 * call an anomaly quiet: a point within a relative tolerance of the data the trees hold (after a constant
 * stretch every change is "new" to the forest: AWS randomcutforest issue #400), and repeats of an anomaly
 * just reported.
 */
public final class ScoreThresholder {
    /** Below this many scores the deviation is not yet known. */
    static final int MIN_SCORES = 32;

    final double anomalyRate;
    final double zThreshold;
    final double horizon;

    long count;
    double mean;
    double variance;
    /** Points since the last graded anomaly. */
    long sinceAlarm = Long.MAX_VALUE / 2;

    public ScoreThresholder(double anomalyRate, double horizon) {
        this.anomalyRate = anomalyRate;
        this.horizon = horizon;
        this.zThreshold = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - anomalyRate);
    }

    public double zThreshold() {
        return zThreshold;
    }

    /**
     * Returns the anomaly score in [0, 1] (above 0.5 exactly when the grade is above 0) and records the
     * score. {@code nearFraction} gives the share of trees that hold a point within tolerance of the query;
     * it is asked only when the score is high enough to matter.
     */
    public double anomalyScore(double score, DoubleSupplier nearFraction) {
        double a = 0;
        if (count >= MIN_SCORES) {
            double sd = Math.sqrt(variance);
            double floor = Math.max(0.02 * mean, 1e-9);
            double z = (score - mean) / Math.max(sd, floor);
            a = 1 / (1 + Math.exp(-2 * (z - zThreshold)));
            if (sinceAlarm < horizon / 4) {
                // a continuing anomaly was already reported: make its repeats rank lower
                a *= 0.5 + 0.5 * sinceAlarm / (horizon / 4);
            }
            if (a > 0.1 && nearFraction.getAsDouble() > 0.5) {
                a = 0;
            }
        }
        record(score);
        sinceAlarm = a > 0.5 ? 0 : sinceAlarm + 1;
        return a;
    }

    public static double grade(double anomalyScore) {
        return anomalyScore > 0.5 ? 2 * anomalyScore - 1 : 0;
    }

    private void record(double score) {
        count++;
        double w = Math.max(1.0 / count, 1.0 / horizon);
        double d = score - mean;
        mean += w * d;
        variance = (1 - w) * (variance + w * d * d);
    }

    public long count() {
        return count;
    }

    public double mean() {
        return mean;
    }

    public double variance() {
        return variance;
    }

    public long sinceAlarm() {
        return sinceAlarm;
    }

    public void restore(long count, double mean, double variance, long sinceAlarm) {
        this.count = count;
        this.mean = mean;
        this.variance = variance;
        this.sinceAlarm = sinceAlarm;
    }
}
