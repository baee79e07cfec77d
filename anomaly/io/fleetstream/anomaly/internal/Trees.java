package io.fleetstream.anomaly.internal;

/**
 * All random cut trees of a forest in flat primitive arrays (tree t's internal node i lives at index
 * t * nodeCap + i), so a forest is a handful of arrays rather than objects per node.
 *
 * <p>A child reference {@code >= 0} is an internal node, {@code < 0} is leaf {@code -ref - 1}.
 *
 * <p>Cut values are not stored. Given the tree's partition, the cut of Guha et al. is uniform in the gap
 * between the left child's maximum and the right child's minimum in the cut dimension, so the partition and
 * the cut dimension carry everything: insertion routes a point that falls in the gap to either side with
 * the probability the uncut value would (and, conditioned on that, the cut is again uniform in the narrowed
 * gap); a deletion widens the gap, where the cut is again uniform, which keeps a tree distributed as if built
 * from scratch. Scoring routes a query in the gap to the nearer side (the expected cut is the gap's middle).
 * Not storing cuts is what makes the encoded model small.
 *
 * <p>Bounding boxes are a cache, never encoded: rebuilt on demand after a decode or a deletion.
 */
final class Trees {
    static final int EMPTY = Integer.MIN_VALUE;
    private static final double LN2 = StrictMath.log(2);

    final int trees;
    final int dims;
    final int leafCap;
    final int nodeCap;
    final PointStore points;
    final SplitMix rng;

    final int[] root;
    /**
     * Internal nodes, four ints each: left child, right child, mass, cut dimension (low 16 bits) with the
     * sign bit set while the cached box is valid. One record is one cache line touched per node visited.
     */
    final int[] node;
    static final int OK = Integer.MIN_VALUE;
    /**
     * Ints per internal node: left, right, mass, cut dimension | OK, then three floats cached with the box (valid
     * while OK is set): the gap's low and high edge in the cut dimension (the left child's maximum and the right
     * child's minimum there) and the sum of the box's sides. Routing a query then reads only the node itself, and
     * scoring adds up only how far the query lies outside each box.
     */
    static final int W = 8;
    private static final int GAP_LO = 4;
    private static final int GAP_HI = 5;
    static final int SIDES = 6;
    final float[] lo;
    final float[] hi;
    final int[] leafSlot;
    final int[] leafMass;
    private final int[] freeNode;
    private final int[] freeLeaf;
    final int[] freeNodeTop;
    final int[] freeLeafTop;
    private final int[] freshNode;
    private final int[] freshLeaf;

    private final int[] path;
    /** Written only so the box reads in {@link #descend} are not optimised away. */
    float touched;
    private final boolean touchBoxes;
    /** log2(1 + m) for every mass a tree can have: StrictMath is exact everywhere but slow. */
    private final double[] log2OnePlus;
    /** 1 / d for every depth: a division less per node on the scoring path. */
    private final double[] inverse;
    private final boolean[] pathLeft;
    private final float[] boxScratch;

    Trees(int trees, int dims, int sampleSize, PointStore points, SplitMix rng) {
        this.trees = trees;
        this.dims = dims;
        this.leafCap = sampleSize;
        this.nodeCap = Math.max(1, sampleSize - 1);
        this.points = points;
        this.rng = rng;
        root = new int[trees];
        java.util.Arrays.fill(root, EMPTY);
        int nodes = trees * nodeCap;
        node = new int[nodes * W];
        // one array, each node's low corner then its high corner: a box is one or two cache lines
        lo = new float[nodes * 2 * dims];
        hi = lo;
        leafSlot = new int[trees * leafCap];
        leafMass = new int[trees * leafCap];
        freeNode = new int[nodes];
        freeLeaf = new int[trees * leafCap];
        freeNodeTop = new int[trees];
        freeLeafTop = new int[trees];
        freshNode = new int[trees];
        freshLeaf = new int[trees];
        log2OnePlus = new double[leafCap + 1];
        for (int m = 0; m <= leafCap; m++) {
            log2OnePlus[m] = StrictMath.log(1 + m) / LN2;
        }
        inverse = new double[leafCap + 2];
        for (int d = 1; d < inverse.length; d++) {
            inverse[d] = 1.0 / d;
        }
        path = new int[leafCap + 1];
        touchBoxes = dims > 4;
        pathLeft = new boolean[leafCap + 1];
        boxScratch = new float[2 * dims];
    }

    /** Ids below usedNodes / usedLeaves are in use and the rest free, as after a decode. */
    void resetFree(int t, int usedNodes, int usedLeaves) {
        freshNode[t] = usedNodes;
        freshLeaf[t] = usedLeaves;
        freeNodeTop[t] = 0;
        freeLeafTop[t] = 0;
    }

    // ids are handed out fresh first, then recycled: nothing to initialise per tree

    private int allocNode(int t) {
        return freeNodeTop[t] > 0 ? freeNode[t * nodeCap + --freeNodeTop[t]] : freshNode[t]++;
    }

    private int allocLeaf(int t) {
        return freeLeafTop[t] > 0 ? freeLeaf[t * leafCap + --freeLeafTop[t]] : freshLeaf[t]++;
    }

    private void freeNode(int t, int i) {
        freeNode[t * nodeCap + freeNodeTop[t]++] = i;
    }

    private void freeLeaf(int t, int l) {
        freeLeaf[t * leafCap + freeLeafTop[t]++] = l;
    }

    int massOf(int t, int ref) {
        return ref < 0 ? leafMass[t * leafCap - ref - 1] : node[(t * nodeCap + ref) * W + 2];
    }

    int treeMass(int t) {
        return root[t] == EMPTY ? 0 : massOf(t, root[t]);
    }

    // ---------------------------------------------------------------- boxes

    void ensureBox(int t, int i) {
        if (node[(t * nodeCap + i) * W + 3] >= 0) {
            rebuildBox(t, i);
        }
    }

    private void rebuildBox(int t, int i) {
        int g = t * nodeCap + i;
        int off = g * 2 * dims;
        int l = node[g * W];
        int r = node[g * W + 1];
        float[] pv = points.values;
        float[] a;
        int aLo;
        int aHi;
        if (l < 0) {
            a = pv;
            aLo = leafSlot[t * leafCap - l - 1] * dims;
            aHi = aLo;
        } else {
            if (node[(t * nodeCap + l) * W + 3] >= 0) {
                rebuildBox(t, l);
            }
            a = lo;
            aLo = (t * nodeCap + l) * 2 * dims;
            aHi = aLo + dims;
        }
        float[] b;
        int bLo;
        int bHi;
        if (r < 0) {
            b = pv;
            bLo = leafSlot[t * leafCap - r - 1] * dims;
            bHi = bLo;
        } else {
            if (node[(t * nodeCap + r) * W + 3] >= 0) {
                rebuildBox(t, r);
            }
            b = lo;
            bLo = (t * nodeCap + r) * 2 * dims;
            bHi = bLo + dims;
        }
        for (int j = 0; j < dims; j++) {
            lo[off + j] = Math.min(a[aLo + j], b[bLo + j]);
            hi[off + dims + j] = Math.max(a[aHi + j], b[bHi + j]);
        }
        int k = node[g * W + 3] & 0xFFFF;
        setGap(g, a[aHi + k], b[bLo + k]);
        updateSides(g);
        node[g * W + 3] |= OK;
    }

    private void setGap(int g, float gapLo, float gapHi) {
        node[g * W + GAP_LO] = Float.floatToRawIntBits(gapLo);
        node[g * W + GAP_HI] = Float.floatToRawIntBits(gapHi);
    }

    float gapLo(int g) {
        return Float.intBitsToFloat(node[g * W + GAP_LO]);
    }

    float gapHi(int g) {
        return Float.intBitsToFloat(node[g * W + GAP_HI]);
    }

    private void updateSides(int g) {
        int off = g * 2 * dims;
        float sides = 0;
        for (int j = 0; j < dims; j++) {
            sides += hi[off + dims + j] - lo[off + j];
        }
        node[g * W + SIDES] = Float.floatToRawIntBits(sides);
    }

    // ---------------------------------------------------------------- insert / delete

    /**
     * Inserts the point in {@code slot} into tree t. Returns the slot the tree now references for it: an
     * existing slot when an equal point is already a leaf (its mass grows), else {@code slot}.
     */
    int insert(int t, int slot) {
        if (root[t] == EMPTY) {
            int l = allocLeaf(t);
            leafSlot[t * leafCap + l] = slot;
            leafMass[t * leafCap + l] = 1;
            root[t] = -l - 1;
            return slot;
        }
        final float[] pv = points.values;
        final int po = slot * dims;
        int parent = -1;
        boolean parentLeft = false;
        int ref = root[t];
        while (true) {
            float[] bl;
            float[] bh;
            int bo;
            int ho;
            if (ref < 0) {
                int gl = t * leafCap - ref - 1;
                int lp = leafSlot[gl] * dims;
                if (samePoint(pv, po, lp)) {
                    leafMass[gl]++;
                    return leafSlot[gl];
                }
                bl = pv;
                bh = pv;
                bo = lp;
                ho = 0;
            } else {
                ensureBox(t, ref);
                bl = lo;
                bh = hi;
                bo = (t * nodeCap + ref) * 2 * dims;
                ho = dims;
            }
            // Guha et al.: a cut drawn uniformly over the box grown to include the point separates the point
            // with probability (growth / grown box's sides); only the growth needs adding up, the sides are cached
            double ext = 0;
            for (int j = 0; j < dims; j++) {
                float p = pv[po + j];
                ext += Math.max(bl[bo + j] - p, 0f) + Math.max(p - bh[bo + ho + j], 0f);
            }
            int cut = -1;
            if (ext > 0) {
                double sides = ref < 0 ? 0 : Float.intBitsToFloat(node[(t * nodeCap + ref) * W + SIDES]);
                double r = rng.nextDouble() * (sides + ext);
                for (int j = 0; j < dims && r < ext; j++) {
                    float p = pv[po + j];
                    double grow = Math.max(bl[bo + j] - p, 0f) + Math.max(p - bh[bo + ho + j], 0f);
                    if (grow > 0) {
                        cut = j;
                        if (r < grow) {
                            break;
                        }
                        r -= grow;
                    }
                }
            }
            float pc = cut < 0 ? 0 : pv[po + cut];
            boolean sepLeft = cut >= 0 && pc < bl[bo + cut];
            boolean sepRight = cut >= 0 && !sepLeft;
            if (sepLeft || sepRight) {
                int n = allocNode(t);
                int g = t * nodeCap + n;
                int l = allocLeaf(t);
                leafSlot[t * leafCap + l] = slot;
                leafMass[t * leafCap + l] = 1;
                node[g * W + 3] = cut;
                node[g * W] = sepLeft ? -l - 1 : ref;
                node[g * W + 1] = sepLeft ? ref : -l - 1;
                node[g * W + 2] = massOf(t, ref) + 1;
                int off = g * 2 * dims;
                for (int j = 0; j < dims; j++) {
                    float p = pv[po + j];
                    lo[off + j] = Math.min(bl[bo + j], p);
                    hi[off + dims + j] = Math.max(bh[bo + ho + j], p);
                }
                if (sepLeft) {
                    setGap(g, pc, bl[bo + cut]);
                } else {
                    setGap(g, bh[bo + ho + cut], pc);
                }
                updateSides(g);
                node[g * W + 3] |= OK;
                if (parent < 0) {
                    root[t] = n;
                } else if (parentLeft) {
                    node[(t * nodeCap + parent) * W] = n;
                } else {
                    node[(t * nodeCap + parent) * W + 1] = n;
                }
                return slot;
            }
            // the drawn cut fell inside the box: keep this node's cut and descend
            int g = t * nodeCap + ref;
            node[g * W + 2]++;
            if (ext > 0) {
                for (int j = 0; j < dims; j++) {
                    float p = pv[po + j];
                    if (p < lo[bo + j]) {
                        lo[bo + j] = p;
                    }
                    if (p > hi[bo + dims + j]) {
                        hi[bo + dims + j] = p;
                    }
                }
                updateSides(g);
            }
            int k = node[g * W + 3] & 0xFFFF;
            float gapLo = gapLo(g);
            float gapHi = gapHi(g);
            float pk = pv[po + k];
            boolean goLeft;
            if (pk <= gapLo) {
                goLeft = true;
            } else if (pk >= gapHi) {
                goLeft = false;
            } else {
                goLeft = rng.nextDouble() * ((double) gapHi - gapLo) < (double) gapHi - pk;
            }
            // the child the point joins now reaches it in the cut dimension
            if (goLeft) {
                setGap(g, Math.max(gapLo, pk), gapHi);
            } else {
                setGap(g, gapLo, Math.min(gapHi, pk));
            }
            parent = ref;
            parentLeft = goLeft;
            ref = goLeft ? node[g * W] : node[g * W + 1];
        }
    }

    /** Removes one unit of mass of the leaf holding {@code slot}'s point from tree t. */
    void delete(int t, int slot) {
        final float[] pv = points.values;
        final int po = slot * dims;
        int top = 0;
        int ref = root[t];
        while (ref >= 0) {
            ensureBox(t, ref);
            int g = t * nodeCap + ref;
            path[top] = ref;
            int k = node[g * W + 3] & 0xFFFF;
            // the left child's maximum in the cut dimension is the gap's low edge
            boolean goLeft = pv[po + k] <= gapLo(g);
            pathLeft[top++] = goLeft;
            ref = goLeft ? node[g * W] : node[g * W + 1];
        }
        int gl = t * leafCap - ref - 1;
        if (leafSlot[gl] != slot) {
            throw new IllegalStateException("tree " + t + " does not hold slot " + slot);
        }
        for (int i = 0; i < top; i++) {
            node[(t * nodeCap + path[i]) * W + 2]--;
        }
        if (--leafMass[gl] > 0) {
            return;
        }
        freeLeaf(t, -ref - 1);
        if (top == 0) {
            root[t] = EMPTY;
            return;
        }
        int q = path[top - 1];
        int gq = t * nodeCap + q;
        int sibling = pathLeft[top - 1] ? node[gq * W + 1] : node[gq * W];
        if (top == 1) {
            root[t] = sibling;
        } else {
            int gp = t * nodeCap + path[top - 2];
            if (pathLeft[top - 2]) {
                node[gp * W] = sibling;
            } else {
                node[gp * W + 1] = sibling;
            }
        }
        freeNode(t, q);
        node[gq * W + 3] &= ~OK;
        // the boxes above lost the point: refit them bottom-up, until one keeps its box (then so do all above it)
        int i = top - 2;
        while (i >= 0 && refit(t, path[i])) {
            i--;
        }
    }

    /**
     * Recomputes internal node i's box, gap and sides from its children; returns whether its box changed (always
     * true for a box that was not valid before).
     */
    private boolean refit(int t, int i) {
        int g = t * nodeCap + i;
        if (node[g * W + 3] >= 0) {
            rebuildBox(t, i);
            return true;
        }
        int off = g * 2 * dims;
        float[] old = boxScratch;
        for (int j = 0; j < dims; j++) {
            old[j] = lo[off + j];
            old[dims + j] = hi[off + dims + j];
        }
        node[g * W + 3] &= ~OK;
        rebuildBox(t, i);
        for (int j = 0; j < dims; j++) {
            if (old[j] != lo[off + j] || old[dims + j] != hi[off + dims + j]) {
                return true;
            }
        }
        return false;
    }

    private boolean samePoint(float[] pv, int a, int b) {
        for (int j = 0; j < dims; j++) {
            if (pv[a + j] != pv[b + j]) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- scoring

    /** Descends to the leaf a query reaches; fills path, returns the leaf reference. */
    private int descend(int t, float[] q, int qo) {
        int top = 0;
        int ref = root[t];
        while (ref >= 0) {
            ensureBox(t, ref);
            int g = t * nodeCap + ref;
            path[top++] = ref;
            int k = node[g * W + 3] & 0xFFFF;
            float a = gapLo(g);
            float b = gapHi(g);
            float v = q[qo + k];
            if (touchBoxes) {
                // touch the box the ascent will read: its cache miss overlaps the walk down instead of stalling
                // later (worth it once boxes outgrow the caches, measured +17% at 16 dimensions, -3% at 4)
                touched += lo[g * 2 * dims];
            }
            boolean goLeft = v <= a || (v < b && (double) v - a <= (double) b - v);
            ref = goLeft ? node[g * W] : node[g * W + 1];
        }
        path[leafCap] = top;
        return ref;
    }

    /**
     * Expected inverse depth at which the query would be isolated were it inserted (Guha et al.'s
     * separation probability at every node on its path), scaled by log2(1 + mass) so that scores of trees
     * and forests of different sizes are comparable (inliers near 1).
     */
    double score(int t, float[] q, int qo) {
        if (root[t] == EMPTY) {
            return 0;
        }
        int leaf = descend(t, q, qo);
        int top = path[leafCap];
        int gl = t * leafCap - leaf - 1;
        int lp = leafSlot[gl] * dims;
        float[] pv = points.values;
        boolean same = true;
        for (int j = 0; j < dims; j++) {
            if (q[qo + j] != pv[lp + j]) {
                same = false;
                break;
            }
        }
        int treeMass = treeMass(t);
        double s;
        if (same) {
            int m = leafMass[gl];
            s = (1 - m / (2.0 * treeMass)) / (top + log2OnePlus[m]);
        } else {
            s = inverse[top + 1];
        }
        for (int d = top - 1; d >= 0; d--) {
            int g = t * nodeCap + path[d];
            int off = g * 2 * dims;
            float ext = 0;
            for (int j = 0; j < dims; j++) {
                // branch-free: in many dimensions which side the query lies on is a coin flip
                float v = q[qo + j];
                ext += Math.max(lo[off + j] - v, 0f) + Math.max(v - hi[off + dims + j], 0f);
            }
            if (ext == 0) {
                // inside this box means inside every box above it: nothing changes further up
                break;
            }
            double p = ext / (ext + Float.intBitsToFloat(node[g * W + SIDES]));
            s = p * inverse[d + 1] + (1 - p) * s;
        }
        return s * log2OnePlus[treeMass];
    }

    /**
     * Whether the leaf the query reaches holds a point within tolerance of it in every coordinate; the
     * tolerance is relative to the larger of the value and the tree's range in that coordinate, so a change
     * that is tiny next to how much the data moves does not count, and after a constant stretch (range 0) a
     * change tiny next to the value does not either. Asked only for points about to be graded.
     */
    boolean nearLeaf(int t, float[] q, int qo, float relTol, float absTol) {
        if (root[t] == EMPTY) {
            return false;
        }
        int leaf = descend(t, q, qo);
        int lp = leafSlot[t * leafCap - leaf - 1] * dims;
        float[] pv = points.values;
        int r = root[t];
        int off = r >= 0 ? (t * nodeCap + r) * 2 * dims : -1;
        for (int j = 0; j < dims; j++) {
            float a = q[qo + j];
            float b = pv[lp + j];
            double scale = Math.max(Math.abs(a), Math.abs(b));
            if (off >= 0) {
                scale = Math.max(scale, (double) hi[off + dims + j] - lo[off + j]);
            }
            if (Math.abs((double) a - b) > relTol * scale + absTol) {
                return false;
            }
        }
        return true;
    }

    /**
     * Splits {@link #score} over dimensions and direction: adds to high[j] / low[j] the part of this tree's
     * score due to the query lying above / below the data in dimension j. Sums to the tree's score.
     */
    void attribute(int t, float[] q, int qo, double[] high, double[] low, double[] tmpHigh, double[] tmpLow) {
        if (root[t] == EMPTY) {
            return;
        }
        int leaf = descend(t, q, qo);
        int top = path[leafCap];
        int gl = t * leafCap - leaf - 1;
        int lp = leafSlot[gl] * dims;
        float[] pv = points.values;
        int treeMass = treeMass(t);
        double ext0 = 0;
        for (int j = 0; j < dims; j++) {
            ext0 += Math.abs(q[qo + j] - pv[lp + j]);
        }
        if (ext0 == 0) {
            int m = leafMass[gl];
            double s = (1 - m / (2.0 * treeMass)) / (top + log2OnePlus[m]);
            for (int j = 0; j < dims; j++) {
                tmpHigh[j] = s / (2 * dims);
                tmpLow[j] = s / (2 * dims);
            }
        } else {
            double s = 1.0 / (top + 1);
            for (int j = 0; j < dims; j++) {
                double diff = q[qo + j] - pv[lp + j];
                tmpHigh[j] = diff > 0 ? s * diff / ext0 : 0;
                tmpLow[j] = diff < 0 ? -s * diff / ext0 : 0;
            }
        }
        for (int d = top - 1; d >= 0; d--) {
            int off = (t * nodeCap + path[d]) * 2 * dims;
            double range = 0;
            double ext = 0;
            for (int j = 0; j < dims; j++) {
                float v = q[qo + j];
                float l = lo[off + j];
                float h = hi[off + dims + j];
                range += Math.max(h, v) - Math.min(l, v);
                ext += Math.max(v - h, 0) + Math.max(l - v, 0);
            }
            if (ext == 0) {
                break;
            }
            {
                double keep = 1 - ext / range;
                double unseen = 1.0 / (d + 1);
                for (int j = 0; j < dims; j++) {
                    float v = q[qo + j];
                    tmpHigh[j] = keep * tmpHigh[j] + unseen * Math.max(v - hi[off + dims + j], 0) / range;
                    tmpLow[j] = keep * tmpLow[j] + unseen * Math.max(lo[off + j] - v, 0) / range;
                }
            }
        }
        double scale = log2OnePlus[treeMass];
        for (int j = 0; j < dims; j++) {
            high[j] += tmpHigh[j] * scale;
            low[j] += tmpLow[j] * scale;
        }
    }
}
