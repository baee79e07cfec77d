package io.fleetstream.anomaly;

import io.fleetstream.anomaly.internal.Model;
import io.fleetstream.anomaly.internal.ModelCodec;

/**
 * A streaming anomaly detector for one series of input vectors (for example one device's metrics): a random
 * cut forest over the last {@code shingleSize} inputs, and a thresholder that turns its scores into a grade.
 *
 * <p>An instance is not thread-safe: use one per key (device) and call it from one thread at a time. The
 * {@link Builder} is immutable once {@code build()} is called and can be shared; {@link #decode} and
 * {@link #encode} touch no shared state.
 */
public final class AnomalyDetector {
    private final Model model;

    private AnomalyDetector(Model model) {
        this.model = model;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Scores the shingled point that ends with {@code input} against the model as it was before this input,
     * then adds the input to the model. Scores are 0 until the model is warm ({@link Result#warm()}).
     *
     * @param input one value per input, in the order the detector was built for; finite numbers
     */
    public Result process(double[] input) {
        model.process(input);
        double[] high = model.lastAttributed ? model.lastHigh.clone() : null;
        double[] low = model.lastAttributed ? model.lastLow.clone() : null;
        return new Result(model.lastScore, model.lastGrade, model.lastAnomalyScore, model.lastWarm, high, low);
    }

    /** The model as bytes; {@link #decode} of them gives a detector that behaves exactly as this one. */
    public byte[] encode() {
        return ModelCodec.encode(model);
    }

    /**
     * @throws IllegalArgumentException if the bytes are not a model state this version can read: changed or cut
     *     (they carry a checksum), or of a version it does not know
     */
    public static AnomalyDetector decode(byte[] bytes) {
        return new AnomalyDetector(ModelCodec.decode(bytes));
    }

    /**
     * Like {@link #decode(byte[])}, but reuses {@code reuse}'s memory when it was built with the same settings
     * (its previous contents are lost) and returns it; else returns a new detector. For a keyed operator that
     * decodes, processes and encodes one key at a time: one scratch detector per operator instance (per
     * thread) and no allocation per event. Never pass a detector another thread is using.
     */
    public static AnomalyDetector decode(byte[] bytes, AnomalyDetector reuse) {
        if (reuse == null) {
            return decode(bytes);
        }
        Model m = ModelCodec.decode(bytes, reuse.model);
        return m == reuse.model ? reuse : new AnomalyDetector(m);
    }

    /**
     * About how many bytes this detector holds on the heap. A decoded model is small until it first scores (its
     * bounding boxes are built then) and grows with its sample; a cache of decoded detectors budgets by this.
     */
    public long heapBytes() {
        return 32 + model.heapBytes();
    }

    /**
     * Trades speed for heap from now on: the trees keep a bounding box only every few levels and work out the
     * others from the points below, so a mature model at 16 dimensions takes about half the heap and a point up
     * to twice the time. For a cache that cannot hold every device's model: more of them fit. Scores, grades and
     * encodings are exactly those of a detector that is not compact.
     */
    public void compact() {
        model.compact();
    }

    public boolean isCompact() {
        return model.isCompact();
    }

    public int inputs() {
        return model.inputs;
    }

    public int shingleSize() {
        return model.shingleSize;
    }

    public long inputsSeen() {
        return model.inputsSeen();
    }

    /** Settings of a detector; defaults follow the random cut forest literature and our NAB runs. */
    public static final class Builder {
        private int inputs = 1;
        private int shingleSize = 1;
        private int numberOfTrees = 50;
        private int sampleSize = 256;
        private Integer outputAfter;
        private Double timeDecay;
        private long seed = 42;
        private double anomalyRate = 0.005;
        private double scoreHorizon = 1000;
        private double relativeTolerance = 0.02;
        private double absoluteTolerance = 1e-6;
        private boolean alwaysAttribute;

        private Builder() {
        }

        /** Number of inputs per call of {@code process} (the device's metrics). Default 1. */
        public Builder inputs(int n) {
            this.inputs = requireRange("inputs", n, 1, 1 << 12);
            return this;
        }

        /** Last k inputs form one point, so patterns in time are seen, not only values. Default 1. */
        public Builder shingleSize(int k) {
            this.shingleSize = requireRange("shingleSize", k, 1, 1 << 10);
            return this;
        }

        /** Default 50. */
        public Builder numberOfTrees(int n) {
            this.numberOfTrees = requireRange("numberOfTrees", n, 1, 1 << 12);
            return this;
        }

        /** Points kept per tree. Default 256. */
        public Builder sampleSize(int n) {
            this.sampleSize = requireRange("sampleSize", n, 2, 1 << 15);
            return this;
        }

        /** Points the forest must hold before scores count. Default sampleSize / 4. */
        public Builder outputAfter(int n) {
            this.outputAfter = requireRange("outputAfter", n, 1, Integer.MAX_VALUE);
            return this;
        }

        /**
         * How fast old points leave the sample: a point's sampling weight grows by e^timeDecay per point.
         * 0 keeps a uniform sample of all history. Default 1 / (10 * sampleSize).
         */
        public Builder timeDecay(double lambda) {
            if (!(lambda >= 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("timeDecay must be a finite number >= 0, got " + lambda);
            }
            this.timeDecay = lambda;
            return this;
        }

        /** Same seed and inputs give the same scores. Default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Share of points expected to be anomalies; sets the grade's cut-off. In (0, 0.5). Default 0.005. */
        public Builder anomalyRate(double rate) {
            if (!(rate > 0 && rate < 0.5)) {
                throw new IllegalArgumentException("anomalyRate must be in (0, 0.5), got " + rate);
            }
            this.anomalyRate = rate;
            return this;
        }

        /** Points over which the score's running mean and deviation are taken. Default 1000. */
        public Builder scoreHorizon(double points) {
            if (!(points >= 2) || Double.isInfinite(points)) {
                throw new IllegalArgumentException("scoreHorizon must be a finite number >= 2, got " + points);
            }
            this.scoreHorizon = points;
            return this;
        }

        /**
         * How close (per coordinate, relative to the larger of the value and the range the model has seen) a
         * point must be to a point the model holds to count as no news: such points are not graded, however
         * high their raw score (after a constant stretch every change is new to the forest). Default 0.02.
         */
        public Builder relativeTolerance(double tol) {
            if (!(tol >= 0 && tol < 1)) {
                throw new IllegalArgumentException("relativeTolerance must be in [0, 1), got " + tol);
            }
            this.relativeTolerance = tol;
            return this;
        }

        /** Absolute part of that tolerance, for values near zero. Default 1e-6. */
        public Builder absoluteTolerance(double tol) {
            if (!(tol >= 0) || Double.isInfinite(tol)) {
                throw new IllegalArgumentException("absoluteTolerance must be a finite number >= 0, got " + tol);
            }
            this.absoluteTolerance = tol;
            return this;
        }

        /** Compute attribution for every scored point, not only graded ones (costs a second pass). */
        public Builder alwaysAttribute(boolean always) {
            this.alwaysAttribute = always;
            return this;
        }

        public AnomalyDetector build() {
            int after = outputAfter != null ? outputAfter : Math.max(1, sampleSize / 4);
            double decay = timeDecay != null ? timeDecay : 1.0 / (10.0 * sampleSize);
            return new AnomalyDetector(new Model(inputs, shingleSize, numberOfTrees, sampleSize, after, decay, seed,
                    anomalyRate, scoreHorizon, (float) relativeTolerance, (float) absoluteTolerance,
                    alwaysAttribute));
        }

        private static int requireRange(String name, int v, int min, int max) {
            if (v < min || v > max) {
                throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + v);
            }
            return v;
        }
    }
}
