package io.fleetstream.anomaly.internal;

/**
 * Everything one detector holds: its settings, the shingle of recent inputs, the forest and the
 * thresholder. The public {@code AnomalyDetector} is a thin facade over this class; {@link ModelCodec}
 * writes and reads it. Not thread-safe. Everything that feeds back into the state uses StrictMath, so a
 * model decoded on another JVM or CPU continues bit-identically.
 */
public final class Model {
    public final int inputs;
    public final int shingleSize;
    public final int numberOfTrees;
    public final int sampleSize;
    public final int outputAfter;
    public final double timeDecay;
    public final long seed;
    public final double anomalyRate;
    public final double scoreHorizon;
    public final float relativeTolerance;
    public final float absoluteTolerance;
    public final boolean alwaysAttribute;

    final Forest forest;
    final ScoreThresholder thresholder;
    final InputGrid grid;
    /** The last shingleSize inputs, oldest first, as the floats the forest stores. */
    final float[] shingle;
    long inputsSeen;

    // outputs of the last process() call
    public double lastScore;
    public double lastAnomalyScore;
    public double lastGrade;
    public boolean lastAttributed;
    public boolean lastWarm;
    public final double[] lastHigh;
    public final double[] lastLow;
    private final double[] dimHigh;
    private final double[] dimLow;

    public Model(int inputs, int shingleSize, int numberOfTrees, int sampleSize, int outputAfter,
            double timeDecay, long seed, double anomalyRate, double scoreHorizon, float relativeTolerance,
            float absoluteTolerance, boolean alwaysAttribute) {
        this.inputs = inputs;
        this.shingleSize = shingleSize;
        this.numberOfTrees = numberOfTrees;
        this.sampleSize = sampleSize;
        this.outputAfter = outputAfter;
        this.timeDecay = timeDecay;
        this.seed = seed;
        this.anomalyRate = anomalyRate;
        this.scoreHorizon = scoreHorizon;
        this.relativeTolerance = relativeTolerance;
        this.absoluteTolerance = absoluteTolerance;
        this.alwaysAttribute = alwaysAttribute;
        int dims = inputs * shingleSize;
        this.forest = new Forest(dims, numberOfTrees, sampleSize, timeDecay, seed);
        this.thresholder = new ScoreThresholder(anomalyRate, scoreHorizon);
        this.grid = new InputGrid(inputs);
        this.shingle = new float[dims];
        this.lastHigh = new double[inputs];
        this.lastLow = new double[inputs];
        this.dimHigh = new double[dims];
        this.dimLow = new double[dims];
    }

    /** Whether a model with these settings can be decoded into this one's memory. */
    boolean sameSettings(int inputs, int shingleSize, int numberOfTrees, int sampleSize, int outputAfter,
            double timeDecay, long seed, double anomalyRate, double scoreHorizon, float relativeTolerance,
            float absoluteTolerance, boolean alwaysAttribute) {
        return this.inputs == inputs && this.shingleSize == shingleSize && this.numberOfTrees == numberOfTrees
                && this.sampleSize == sampleSize && this.outputAfter == outputAfter
                && Double.doubleToLongBits(this.timeDecay) == Double.doubleToLongBits(timeDecay) && this.seed == seed
                && Double.doubleToLongBits(this.anomalyRate) == Double.doubleToLongBits(anomalyRate)
                && Double.doubleToLongBits(this.scoreHorizon) == Double.doubleToLongBits(scoreHorizon)
                && Float.floatToIntBits(this.relativeTolerance) == Float.floatToIntBits(relativeTolerance)
                && Float.floatToIntBits(this.absoluteTolerance) == Float.floatToIntBits(absoluteTolerance)
                && this.alwaysAttribute == alwaysAttribute;
    }

    /** Bytes this model holds on the heap (its arrays; object headers roughly). */
    public long heapBytes() {
        return 256 + forest.heapBytes() + 4L * shingle.length + 8L * (4 * inputs + 2 * shingle.length)
                + 32L * inputs;
    }

    /** See {@code AnomalyDetector.compact}. */
    public void compact() {
        forest.compact();
    }

    public boolean isCompact() {
        return forest.isCompact();
    }

    public long inputsSeen() {
        return inputsSeen;
    }

    /** True once scores count: the shingle is full and the forest holds outputAfter points. */
    public boolean isWarm() {
        return inputsSeen >= shingleSize && forest.seen >= outputAfter;
    }

    /** Scores the shingled point ending with this input, then adds it to the model. */
    public void process(double[] input) {
        if (input.length != inputs) {
            throw new IllegalArgumentException("expected " + inputs + " inputs, got " + input.length);
        }
        for (int i = 0; i < inputs; i++) {
            // the forest stores floats: a double beyond float range would become infinite
            if (!Float.isFinite((float) input[i])) {
                throw new IllegalArgumentException("input " + i + " is not a finite float-range number: "
                        + input[i]);
            }
        }
        int dims = shingle.length;
        System.arraycopy(shingle, inputs, shingle, 0, dims - inputs);
        for (int i = 0; i < inputs; i++) {
            shingle[dims - inputs + i] = grid.round(i, input[i]);
        }
        grid.learn(input);
        inputsSeen++;
        lastScore = 0;
        lastAnomalyScore = 0;
        lastGrade = 0;
        lastAttributed = false;
        lastWarm = false;
        java.util.Arrays.fill(lastHigh, 0);
        java.util.Arrays.fill(lastLow, 0);
        if (inputsSeen < shingleSize) {
            return;
        }
        if (forest.seen >= outputAfter) {
            lastWarm = true;
            lastScore = forest.score(shingle);
            lastAnomalyScore = thresholder.anomalyScore(lastScore,
                    () -> forest.nearFraction(shingle, relativeTolerance, absoluteTolerance));
            lastGrade = ScoreThresholder.grade(lastAnomalyScore);
            if (lastGrade > 0 || alwaysAttribute) {
                attribute();
            }
        }
        forest.update(shingle);
    }

    private void attribute() {
        java.util.Arrays.fill(dimHigh, 0);
        java.util.Arrays.fill(dimLow, 0);
        forest.attribution(shingle, dimHigh, dimLow);
        for (int d = 0; d < dimHigh.length; d++) {
            lastHigh[d % inputs] += dimHigh[d];
            lastLow[d % inputs] += dimLow[d];
        }
        lastAttributed = true;
    }
}
