package io.fleetstream.anomaly.internal;

/**
 * A random cut forest over points of {@code dims} floats: trees, their reservoirs and the shared point store.
 * Not thread-safe; one instance per model.
 */
public final class Forest {
    final int dims;
    final int numberOfTrees;
    final int sampleSize;
    final double timeDecay;
    final long seed;
    final SplitMix rng;
    final PointStore points;
    final Reservoirs reservoirs;
    final Trees trees;
    /** Points offered to the forest so far; the next point's sequence number. */
    long seen;

    private final double[] tmpHigh;
    private final double[] tmpLow;

    public Forest(int dims, int numberOfTrees, int sampleSize, double timeDecay, long seed) {
        this.dims = dims;
        this.numberOfTrees = numberOfTrees;
        this.sampleSize = sampleSize;
        this.timeDecay = timeDecay;
        this.seed = seed;
        this.rng = new SplitMix(SplitMix.mix(seed));
        this.points = new PointStore(dims, 2 * sampleSize);
        this.reservoirs = new Reservoirs(numberOfTrees, sampleSize, timeDecay, seed);
        this.trees = new Trees(numberOfTrees, dims, sampleSize, points, rng);
        this.tmpHigh = new double[dims];
        this.tmpLow = new double[dims];
    }

    /** Bytes this forest holds on the heap, as far as its arrays go: what a cache of decoded models budgets. */
    public long heapBytes() {
        return 64 + points.heapBytes() + reservoirs.heapBytes() + trees.heapBytes() + 16L * dims;
    }

    /** Keeps fewer bounding boxes from now on: less heap, more time a point, the same scores. */
    public void compact() {
        trees.compact();
    }

    public boolean isCompact() {
        return trees.isCompact();
    }

    public int dims() {
        return dims;
    }

    public long seen() {
        return seen;
    }

    /** Mean tree score of a point, without changing the forest. */
    public double score(float[] point) {
        return trees.scoreSum(point, 0) / numberOfTrees;
    }

    /** Share of trees whose leaf for this point is within tolerance of it (a near-duplicate). */
    public double nearFraction(float[] point, float relTol, float absTol) {
        int near = 0;
        for (int t = 0; t < numberOfTrees; t++) {
            if (trees.nearLeaf(t, point, 0, relTol, absTol)) {
                near++;
            }
        }
        return (double) near / numberOfTrees;
    }

    /** Adds to high/low (length dims) each dimension's share of {@link #score}, averaged over trees. */
    public void attribution(float[] point, double[] high, double[] low) {
        for (int t = 0; t < numberOfTrees; t++) {
            trees.attribute(t, point, 0, high, low, tmpHigh, tmpLow);
        }
        for (int j = 0; j < dims; j++) {
            high[j] /= numberOfTrees;
            low[j] /= numberOfTrees;
        }
    }

    public void update(float[] point) {
        long s = seen++;
        int slot = -1;
        Reservoirs res = reservoirs;
        for (int t = 0; t < numberOfTrees; t++) {
            double k = res.keyIfTaken(t, s);
            if (Double.isNaN(k)) {
                continue;
            }
            if (slot < 0) {
                slot = points.add(point, 0, s);
            }
            boolean full = res.isFull(t);
            if (full) {
                int old = res.maxSlot(t);
                trees.delete(t, old);
                points.release(old);
            }
            int held = trees.insert(t, slot);
            points.retain(held);
            int i = full ? res.replaceMax(t, s, k) : res.add(t, s, k);
            res.slot[t * res.stride + i] = held;
        }
        if (slot >= 0) {
            points.dropIfUnused(slot);
        }
    }
}
