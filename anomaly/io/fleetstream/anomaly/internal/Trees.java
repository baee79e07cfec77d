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
    /** Points each tree holds (the sum of its leaf masses): internal nodes keep no mass. */
    final int[] total;
    /**
     * Internal nodes, {@link #W} ints each: both children as 16-bit halves ({@link #children}), the cut
     * dimension (low 16 bits) with the sign bit set while the cached box is valid, and two floats cached with the
     * box: the gap's low and high edge in the cut dimension (the left child's maximum and the right child's
     * minimum there). Routing a query reads only this record, and four of them share a cache line: the walk down
     * is a chain of dependent loads, so the fewer lines the trees span, the fewer of those loads miss.
     */
    final int[] node;
    static final int OK = Integer.MIN_VALUE;
    static final int W = 4;
    static final int CUT = 1;
    private static final int GAP_LO = 2;
    private static final int GAP_HI = 3;
    /**
     * Bounding boxes, one array per tree: internal node i's low corner then its high corner at i * 2 * dims (a box
     * is one or two cache lines). A cache: a tree's array is allocated with its first box and grows with the ids
     * its nodes take, so a young model (a tree of 100 points has about 100 nodes, not 255) and a decoded model that
     * is only encoded or dropped do not pay for boxes they do not have. Boxes are most of a model's heap.
     */
    final float[][] box;
    final int[] leafSlot;
    final int[] leafMass;
    /** Free ids form a list through the freed records themselves: a node's children word, a leaf's slot. */
    private final int[] freeNodeHead;
    private final int[] freeLeafHead;
    private final int[] freshNode;
    private final int[] freshLeaf;

    private final int[] path;
    /** Written only so the box reads in {@link #descend} are not optimised away. */
    float touched;
    private final boolean touchBoxes;
    /** log2(1 + m) for every mass a tree can have (at least): StrictMath is exact everywhere but slow. */
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
        total = new int[trees];
        int nodes = trees * nodeCap;
        node = new int[nodes * W];
        box = new float[trees][];
        leafSlot = new int[trees * leafCap];
        leafMass = new int[trees * leafCap];
        freeNodeHead = new int[trees];
        freeLeafHead = new int[trees];
        java.util.Arrays.fill(freeNodeHead, -1);
        java.util.Arrays.fill(freeLeafHead, -1);
        freshNode = new int[trees];
        freshLeaf = new int[trees];
        log2OnePlus = log2OnePlusUpTo(leafCap);
        inverse = new double[leafCap + 2];
        for (int d = 1; d < inverse.length; d++) {
            inverse[d] = 1.0 / d;
        }
        path = new int[leafCap + 1];
        touchBoxes = dims > 4;
        pathLeft = new boolean[leafCap + 1];
        boxScratch = new float[2 * dims];
    }

    /** Shared by every forest (a decoder builds one per model): immutable once published, grown on demand. */
    private static volatile double[] sharedLog2OnePlus = new double[0];

    private static double[] log2OnePlusUpTo(int max) {
        double[] table = sharedLog2OnePlus;
        if (table.length > max) {
            return table;
        }
        double[] grown = new double[max + 1];
        for (int m = 0; m <= max; m++) {
            grown[m] = StrictMath.log(1 + m) / LN2;
        }
        // two threads growing it at once compute the same values: either array is right
        sharedLog2OnePlus = grown;
        return grown;
    }

    /** Ids below usedNodes / usedLeaves are in use and the rest free, as after a decode. */
    void resetFree(int t, int usedNodes, int usedLeaves) {
        freshNode[t] = usedNodes;
        freshLeaf[t] = usedLeaves;
        freeNodeHead[t] = -1;
        freeLeafHead[t] = -1;
    }

    // ids are handed out fresh first, then recycled: nothing to initialise per tree

    private int allocNode(int t) {
        int i = freeNodeHead[t];
        if (i < 0) {
            return freshNode[t]++;
        }
        freeNodeHead[t] = node[(t * nodeCap + i) * W];
        return i;
    }

    private int allocLeaf(int t) {
        int l = freeLeafHead[t];
        if (l < 0) {
            return freshLeaf[t]++;
        }
        freeLeafHead[t] = leafSlot[t * leafCap + l];
        return l;
    }

    private void freeNode(int t, int i) {
        node[(t * nodeCap + i) * W] = freeNodeHead[t];
        freeNodeHead[t] = i;
    }

    private void freeLeaf(int t, int l) {
        leafSlot[t * leafCap + l] = freeLeafHead[t];
        freeLeafHead[t] = l;
    }

    /** Bytes of the arrays this forest's trees hold on the heap (boxes only once built). */
    long heapBytes() {
        long ints = (long) node.length + leafSlot.length + leafMass.length + root.length + total.length
                + 4L * trees + path.length;
        long boxBytes = 16 + 4L * box.length;
        for (float[] b : box) {
            boxBytes += b == null ? 0 : 16 + 4L * b.length;
        }
        return 16 * 12 + boxBytes + 4 * ints + 8L * (log2OnePlus.length + inverse.length)
                + pathLeft.length + 4L * boxScratch.length;
    }

    /** Tree t's box array, grown (by an eighth, at least to the ids in use) to hold node i's box. */
    private float[] boxesFor(int t, int i) {
        float[] b = box[t];
        int size = 2 * dims;
        if (b != null && b.length > i * size) {
            return b;
        }
        int held = b == null ? 0 : b.length / size;
        int nodes = Math.min(nodeCap, Math.max(Math.max(i + 1, freshNode[t]), held + held / 8 + 8));
        b = b == null ? new float[nodes * size] : java.util.Arrays.copyOf(b, nodes * size);
        box[t] = b;
        return b;
    }

    int treeMass(int t) {
        return total[t];
    }

    /** Both child references of a node in one int; sample sizes up to 2^15 keep each within 16 bits. */
    static int children(int left, int right) {
        return (left & 0xFFFF) | (right << 16);
    }

    static int left(int children) {
        return (short) children;
    }

    static int right(int children) {
        return children >> 16;
    }

    /** The shift of each child's half in the children word, for {@link #withChild}. */
    static final int LEFT_HALF = 0;
    static final int RIGHT_HALF = 16;

    /** The children word with the child in one half (LEFT_HALF or RIGHT_HALF) replaced by ref. */
    static int withChild(int children, int half, int ref) {
        return (children & ~(0xFFFF << half)) | ((ref & 0xFFFF) << half);
    }

    // ---------------------------------------------------------------- boxes

    void ensureBox(int t, int i) {
        if (node[(t * nodeCap + i) * W + CUT] >= 0) {
            rebuildBox(t, i);
        }
    }

    private void rebuildBox(int t, int i) {
        int g = t * nodeCap + i;
        int off = i * 2 * dims;
        int l = left(node[g * W]);
        int r = right(node[g * W]);
        // the children first: building theirs may grow the tree's array
        if (l >= 0 && node[(t * nodeCap + l) * W + CUT] >= 0) {
            rebuildBox(t, l);
        }
        if (r >= 0 && node[(t * nodeCap + r) * W + CUT] >= 0) {
            rebuildBox(t, r);
        }
        float[] lo = boxesFor(t, i);
        float[] hi = lo;
        float[] pv = points.values;
        float[] a;
        int aLo;
        int aHi;
        if (l < 0) {
            a = pv;
            aLo = leafSlot[t * leafCap - l - 1] * dims;
            aHi = aLo;
        } else {
            a = lo;
            aLo = l * 2 * dims;
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
            b = lo;
            bLo = r * 2 * dims;
            bHi = bLo + dims;
        }
        for (int j = 0; j < dims; j++) {
            lo[off + j] = Math.min(a[aLo + j], b[bLo + j]);
            hi[off + dims + j] = Math.max(a[aHi + j], b[bHi + j]);
        }
        int k = node[g * W + CUT] & 0xFFFF;
        setGap(g, a[aHi + k], b[bLo + k]);
        node[g * W + CUT] |= OK;
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

    // ---------------------------------------------------------------- insert / delete

    /**
     * Inserts the point in {@code slot} into tree t. Returns the slot the tree now references for it: an
     * existing slot when an equal point is already a leaf (its mass grows), else {@code slot}.
     */
    int insert(int t, int slot) {
        total[t]++;
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
                bl = box[t];
                bh = bl;
                bo = ref * 2 * dims;
                ho = dims;
            }
            // Guha et al.: a cut drawn uniformly over the box grown to include the point separates the point
            // with probability (growth / grown box's sides)
            double ext = 0;
            for (int j = 0; j < dims; j++) {
                float p = pv[po + j];
                ext += Math.max(bl[bo + j] - p, 0f) + Math.max(p - bh[bo + ho + j], 0f);
            }
            int cut = -1;
            if (ext > 0) {
                // most levels of a descent hold the point inside: only a point outside needs the sides
                float sides = 0;
                for (int j = 0; j < dims; j++) {
                    sides += bh[bo + ho + j] - bl[bo + j];
                }
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
                // bl / bh may be the array before it grows: they are read only, and its values are the same
                float[] lo = boxesFor(t, n);
                float[] hi = lo;
                int l = allocLeaf(t);
                leafSlot[t * leafCap + l] = slot;
                leafMass[t * leafCap + l] = 1;
                node[g * W] = sepLeft ? children(-l - 1, ref) : children(ref, -l - 1);
                int off = n * 2 * dims;
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
                node[g * W + CUT] = cut | OK;
                if (parent < 0) {
                    root[t] = n;
                } else {
                    replaceChild(t, parent, parentLeft, n);
                }
                return slot;
            }
            // the drawn cut fell inside the box: keep this node's cut and descend
            int g = t * nodeCap + ref;
            if (ext > 0) {
                float[] lo = box[t];
                float[] hi = lo;
                for (int j = 0; j < dims; j++) {
                    float p = pv[po + j];
                    if (p < lo[bo + j]) {
                        lo[bo + j] = p;
                    }
                    if (p > hi[bo + dims + j]) {
                        hi[bo + dims + j] = p;
                    }
                }
            }
            int k = node[g * W + CUT] & 0xFFFF;
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
            ref = goLeft ? left(node[g * W]) : right(node[g * W]);
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
            int k = node[g * W + CUT] & 0xFFFF;
            // the left child's maximum in the cut dimension is the gap's low edge
            boolean goLeft = pv[po + k] <= gapLo(g);
            pathLeft[top++] = goLeft;
            ref = goLeft ? left(node[g * W]) : right(node[g * W]);
        }
        int gl = t * leafCap - ref - 1;
        if (leafSlot[gl] != slot) {
            throw new IllegalStateException("tree " + t + " does not hold slot " + slot);
        }
        total[t]--;
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
        int sibling = pathLeft[top - 1] ? right(node[gq * W]) : left(node[gq * W]);
        if (top == 1) {
            root[t] = sibling;
        } else {
            replaceChild(t, path[top - 2], pathLeft[top - 2], sibling);
        }
        freeNode(t, q);
        node[gq * W + CUT] &= ~OK;
        // the boxes above lost the point: refit them bottom-up, until one keeps its box (then so do all above it)
        int i = top - 2;
        while (i >= 0 && refit(t, path[i])) {
            i--;
        }
    }

    private void replaceChild(int t, int parent, boolean isLeft, int child) {
        int gp = (t * nodeCap + parent) * W;
        int c = node[gp];
        node[gp] = isLeft ? children(child, right(c)) : children(left(c), child);
    }

    /**
     * Recomputes internal node i's box, gap and sides from its children; returns whether its box changed (always
     * true for a box that was not valid before).
     */
    private boolean refit(int t, int i) {
        int g = t * nodeCap + i;
        if (node[g * W + CUT] >= 0) {
            rebuildBox(t, i);
            return true;
        }
        int off = i * 2 * dims;
        float[] old = boxScratch;
        float[] lo = box[t];
        float[] hi = lo;
        for (int j = 0; j < dims; j++) {
            old[j] = lo[off + j];
            old[dims + j] = hi[off + dims + j];
        }
        node[g * W + CUT] &= ~OK;
        rebuildBox(t, i);
        lo = box[t];
        hi = lo;
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
            if (touchBoxes) {
                // touch the box the ascent will read: its cache miss overlaps the walk down instead of stalling
                // later (worth it once boxes outgrow the caches, measured +17% at 16 dimensions, -3% at 4)
                touched += box[t][ref * 2 * dims];
            }
            ref = childToward(g, q[qo + (node[g * W + CUT] & 0xFFFF)]);
        }
        path[leafCap] = top;
        return ref;
    }

    /**
     * The child a query whose value in node g's cut dimension is v goes to: the nearer side of the gap; also right
     * outside it (v <= a makes the left difference <= 0 < the right one, v >= b the reverse), so one comparison
     * routes every query, exact in double, signs included. Without a branch: the side is a coin flip, and a
     * mispredicted branch would throw away the loads other walks have in flight ({@link #scoreAll}). dr - dl is
     * +0.0 when equal (left) and negative only when the left side is farther (right); its sign bit picks the
     * child's half of the children word.
     */
    private int childToward(int g, float v) {
        double dl = (double) v - gapLo(g);
        double dr = (double) gapHi(g) - v;
        int goRight = (int) (Double.doubleToRawLongBits(dr - dl) >>> 63);
        return (short) (node[g * W] >> (goRight << 4));
    }

    /**
     * Expected inverse depth at which the query would be isolated were it inserted (Guha et al.'s
     * separation probability at every node on its path), scaled by log2(1 + mass) so that scores of trees
     * and forests of different sizes are comparable (inliers near 1). One tree alone: forests score through
     * {@link #scoreAll}, which must give each tree exactly this.
     */
    double score(int t, float[] q, int qo) {
        if (root[t] == EMPTY) {
            return 0;
        }
        int leaf = descend(t, q, qo);
        return scoreFromLeaf(t, q, qo, leaf, path, 0);
    }

    /** The rest of {@link #score} once the walk down reached {@code leaf} along path[po ..] (depth at po + leafCap). */
    private double scoreFromLeaf(int t, float[] q, int qo, int leaf, int[] path, int po) {
        int top = path[po + leafCap];
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
        float[] lo = box[t];
        float[] hi = lo;
        for (int d = top - 1; d >= 0; d--) {
            int off = path[po + d] * 2 * dims;
            float ext = 0;
            float sides = 0;
            for (int j = 0; j < dims; j++) {
                // branch-free: in many dimensions which side the query lies on is a coin flip
                float v = q[qo + j];
                ext += Math.max(lo[off + j] - v, 0f) + Math.max(v - hi[off + dims + j], 0f);
                sides += hi[off + dims + j] - lo[off + j];
            }
            if (ext == 0) {
                // inside this box means inside every box above it: nothing changes further up
                break;
            }
            double p = ext / (ext + sides);
            s = p * inverse[d + 1] + (1 - p) * s;
        }
        return s * log2OnePlus[treeMass];
    }

    /** Trees walked at once by {@link #scoreAll}: 2 to 5 measured best; 10 and 25 gained little. */
    static final int LANES = 4;

    /**
     * Per-thread room for a scoring pass (each lane's tree, node and path, and each tree's score): a model is used
     * by one thread at a time, and thousands of models are cached.
     */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        final int[] laneTree = new int[LANES];
        final int[] laneRef = new int[LANES];
        int[] paths = new int[0];
        double[] perTree = new double[0];

        Scratch sized(int trees, int leafCap) {
            if (paths.length < LANES * (leafCap + 1)) {
                paths = new int[LANES * (leafCap + 1)];
            }
            if (perTree.length < trees) {
                perTree = new double[trees];
            }
            return this;
        }
    }

    /** The sum of every tree's {@link #score}, added in tree order. */
    double scoreSum(float[] q, int qo) {
        double[] perTree = SCRATCH.get().sized(trees, leafCap).perTree;
        scoreAll(q, qo, perTree);
        double sum = 0;
        for (int t = 0; t < trees; t++) {
            sum += perTree[t];
        }
        return sum;
    }

    /**
     * Puts every tree's {@link #score} in {@code out[t]}, exactly as tree-by-tree calls would. The walk down a
     * tree is a chain of dependent loads, and in a model that is not in the CPU's caches each one misses: walking
     * {@link #LANES} trees a level at a time in one loop gives the CPU that many independent misses to wait for at
     * once instead of one. A lane whose tree reached its leaf scores it and takes the next tree, so the lanes stay
     * busy whatever the trees' depths. (Scoring all leaves after all walks, for more independent loads, measured
     * slower.)
     */
    void scoreAll(float[] q, int qo, double[] out) {
        Scratch scratch = SCRATCH.get().sized(trees, leafCap);
        int stride = leafCap + 1;
        int[] paths = scratch.paths;
        int[] lane = scratch.laneTree;
        int[] ref = scratch.laneRef;
        int next = 0;
        int live = 0;
        float touch = 0;
        for (int i = 0; i < LANES; i++) {
            next = startLane(i, next, q, qo, out, scratch);
            if (lane[i] >= 0) {
                live++;
            }
        }
        while (live > 0) {
            for (int i = 0; i < LANES; i++) {
                int t = lane[i];
                if (t < 0) {
                    continue;
                }
                int r = ref[i];
                ensureBox(t, r);
                int g = t * nodeCap + r;
                int po = i * stride;
                int top = paths[po + leafCap];
                paths[po + top] = r;
                paths[po + leafCap] = top + 1;
                if (touchBoxes) {
                    touch += box[t][r * 2 * dims];
                }
                r = childToward(g, q[qo + (node[g * W + CUT] & 0xFFFF)]);
                ref[i] = r;
                if (r < 0) {
                    out[t] = scoreFromLeaf(t, q, qo, r, paths, po);
                    next = startLane(i, next, q, qo, out, scratch);
                    if (lane[i] < 0) {
                        live--;
                    }
                }
            }
        }
        touched = touch;
    }

    /**
     * Puts the next tree that has internal nodes on lane i (scoring on the way any tree that is one leaf, and
     * giving an empty tree 0); lane i gets -1 when none is left. Returns the tree after it.
     */
    private int startLane(int i, int next, float[] q, int qo, double[] out, Scratch scratch) {
        int[] paths = scratch.paths;
        int po = i * (leafCap + 1);
        while (next < trees) {
            int t = next++;
            int r = root[t];
            if (r == EMPTY) {
                out[t] = 0;
                continue;
            }
            paths[po + leafCap] = 0;
            if (r < 0) {
                out[t] = scoreFromLeaf(t, q, qo, r, paths, po);
                continue;
            }
            scratch.laneTree[i] = t;
            scratch.laneRef[i] = r;
            return next;
        }
        scratch.laneTree[i] = -1;
        return next;
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
        int off = r >= 0 ? r * 2 * dims : -1;
        float[] lo = box[t];
        float[] hi = lo;
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
        float[] lo = box[t];
        float[] hi = lo;
        for (int d = top - 1; d >= 0; d--) {
            int off = path[d] * 2 * dims;
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
