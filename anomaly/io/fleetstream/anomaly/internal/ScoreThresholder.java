package io.fleetstream.anomaly.internal;

import java.util.function.DoubleSupplier;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Turns raw forest scores into an anomaly score and a grade without hand-picked cut-offs: a score counts by
 * how far its logarithm lies above the recent ones (exponentially weighted mean and deviation), the cut-off
 * is the normal quantile of the expected anomaly rate, and two guards keep quiet what RCF scores high but no
 * user would call an anomaly: a point within a relative tolerance of points the trees hold (after a constant
 * stretch every change is new to the forest: AWS randomcutforest issue #400), and repeats of an anomaly just
 * reported. Tuned on the NAB subset in ../shared/data/nab (see the bench package).
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
        // scores are skewed with a long right tail: their logarithm is close enough to normal for a z-score
        double x = StrictMath.log(Math.max(score, 1e-12));
        double a = 0;
        if (count >= MIN_SCORES) {
            double z = (x - mean) / Math.max(Math.sqrt(variance), 1e-9);
            a = 1 / (1 + StrictMath.exp(zThreshold - z));
            double quiet = horizon / 2;
            if (sinceAlarm < quiet) {
                // a continuing anomaly was just reported: its repeats rank lower
                a *= 0.5 + 0.5 * sinceAlarm / quiet;
            }
            if (a > 0.25) {
                // as new as the forest finds it, a point close to points it holds is no news
                a *= 1 - nearFraction.getAsDouble();
            }
        }
        record(x);
        sinceAlarm = a > 0.5 ? 0 : sinceAlarm + 1;
        return a;
    }

    public static double grade(double anomalyScore) {
        return anomalyScore > 0.5 ? 2 * anomalyScore - 1 : 0;
    }

    private void record(double x) {
        count++;
        double w = Math.max(1.0 / count, 1.0 / horizon);
        double d = x - mean;
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
