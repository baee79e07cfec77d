package io.fleetstream.anomaly;

/**
 * What {@link AnomalyDetector#process} says about one input.
 *
 * <ul>
 *   <li>{@code score}: the raw random cut forest score (inliers near 1, larger is more anomalous; 0 while
 *       warming up). Comparable across models of different sizes.</li>
 *   <li>{@code anomalyScore}: in [0, 1], the value to alarm on; above 0.5 exactly when {@code grade > 0}.</li>
 *   <li>{@code grade}: in [0, 1], 0 unless the point is an anomaly at the configured anomaly rate.</li>
 *   <li>attribution: per input, the part of the score due to the input being above ({@code high}) or below
 *       ({@code low}) what the model expects; present when {@code grade > 0} (or always, if so built).</li>
 * </ul>
 */
public final class Result {
    private final double score;
    private final double grade;
    private final double anomalyScore;
    private final boolean warm;
    private final double[] high;
    private final double[] low;

    Result(double score, double grade, double anomalyScore, boolean warm, double[] high, double[] low) {
        this.score = score;
        this.grade = grade;
        this.anomalyScore = anomalyScore;
        this.warm = warm;
        this.high = high;
        this.low = low;
    }

    public double score() {
        return score;
    }

    public double grade() {
        return grade;
    }

    public double anomalyScore() {
        return anomalyScore;
    }

    /** False while the detector is warming up (its scores are 0 then). */
    public boolean warm() {
        return warm;
    }

    public boolean hasAttribution() {
        return high != null;
    }

    /** Per input: score share from the input being higher than expected (copy; empty if no attribution). */
    public double[] attributionHigh() {
        return high == null ? new double[0] : high.clone();
    }

    public double[] attributionLow() {
        return low == null ? new double[0] : low.clone();
    }

    /** Per input: its share of the score, high plus low, summing to 1 (empty if no attribution). */
    public double[] attribution() {
        if (high == null) {
            return new double[0];
        }
        double total = 0;
        double[] out = new double[high.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = high[i] + low[i];
            total += out[i];
        }
        for (int i = 0; i < out.length && total > 0; i++) {
            out[i] /= total;
        }
        return out;
    }

    /** Index of the input that contributed most, or -1 without attribution. */
    public int topInput() {
        if (high == null) {
            return -1;
        }
        int best = 0;
        for (int i = 1; i < high.length; i++) {
            if (high[i] + low[i] > high[best] + low[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Whether the top input was higher (true) or lower (false) than expected. */
    public boolean topInputHigh() {
        int i = topInput();
        return i >= 0 && high[i] >= low[i];
    }
}
