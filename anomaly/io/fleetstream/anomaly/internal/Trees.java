package io.fleetstream.anomaly.internal;

/**
 * All random cut trees of a forest in flat primitive arrays (tree t's internal node i lives at index
 * t * nodeStride + i), so a forest is a handful of arrays rather than objects per node.
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
 * <p>Bounding boxes are a cache, never encoded: a node keeps its box when working it out took at least
 * {@link #keepAfter} reads of points or kept boxes below it. By default that is every node; a compact forest keeps
 * none near the leaves, most of a tree, and any box is at most a few reads away. Boxes are min and max, exact
 * whichever way they are worked out, so scores do not depend on which nodes keep theirs.
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
     * Internal nodes, {@link #W} ints each: both children as 16-bit halves ({@link #children}); the cut
     * dimension (low 16 bits), the node's kept box (bits 16-30: its slot + 1, 0 for none) and the sign bit, set
     * while the gap is valid; and the gap's low and high edge in the cut dimension as floats (the left child's
     * maximum and the right child's minimum there). Routing a query reads only this record, and four of them share
     * a cache line: the walk down is a chain of dependent loads, so the fewer lines the trees span, the fewer of
     * those loads miss. Tree t's node i is at t * nodeStride + i.
     */
    int[] node;
    /**
     * Ids each tree has room for in {@link #node} and in the leaf arrays (tree t's leaf l at t * leafStride + l).
     * They grow with the trees, up to nodeCap and leafCap: a young model (a tree of 100 points has 100 leaves, not
     * 256) and a decoded one do not pay for the room of a full sample.
     */
    int nodeStride;
    int leafStride;
    static final int OK = Integer.MIN_VALUE;
    private static final int SLOT_SHIFT = 16;
    private static final int SLOT_BITS = 0x7FFF << SLOT_SHIFT;
    static final int W = 4;
    static final int CUT = 1;
    private static final int GAP_LO = 2;
    private static final int GAP_HI = 3;
    /**
     * Kept bounding boxes, one array per tree: slot s holds a low corner then a high corner at s * 2 * dims (a box
     * is one or two cache lines). Allocated with a tree's first kept box and grown by an eighth as slots are
     * taken. Were every node to keep its box, boxes would be most of a model's heap (50 x 255 x 128 bytes at 16
     * dimensions); keeping them only every few reads up a tree takes a fraction of that.
     */
    final float[][] box;
    /** Free slots form a list through the freed boxes themselves (the slot number in their first float). */
    private final int[] freeBoxHead;
    private final int[] freshBox;
    int[] leafSlot;
    int[] leafMass;
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
        nodeStride = Math.min(nodeCap, 8);
        leafStride = Math.min(leafCap, 8);
        node = new int[trees * nodeStride * W];
        box = new float[trees][];
        leafSlot = new int[trees * leafStride];
        leafMass = new int[trees * leafStride];
        freeNodeHead = new int[trees];
        freeLeafHead = new int[trees];
        java.util.Arrays.fill(freeNodeHead, -1);
        java.util.Arrays.fill(freeLeafHead, -1);
        freshNode = new int[trees];
        freshLeaf = new int[trees];
        freeBoxHead = new int[trees];
        java.util.Arrays.fill(freeBoxHead, -1);
        freshBox = new int[trees];
        log2OnePlus = log2OnePlusUpTo(leafCap);
        inverse = new double[leafCap + 2];
        for (int d = 1; d < inverse.length; d++) {
            inverse[d] = 1.0 / d;
        }
        path = new int[leafCap + 1];
        touchBoxes = dims > 4;
        pathLeft = new boolean[leafCap + 1];
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
        // no node keeps a box after a decode; a reused forest keeps its arrays
        freshBox[t] = 0;
        freeBoxHead[t] = -1;
    }

    // ids are handed out fresh first, then recycled: nothing to initialise per tree

    /** Room in every tree for up to {@code leaves} leaves (and the nodes above them), as a decoder needs. */
    void reserve(int leaves) {
        int l = Math.min(leafCap, Math.max(leaves, 1));
        if (l > leafStride) {
            leafStride(l);
        }
        int n = Math.min(nodeCap, Math.max(l - 1, 1));
        if (n > nodeStride) {
            nodeStride(n);
        }
    }

    private void nodeStride(int stride) {
        node = Strides.widen(node, new int[trees * stride * W], trees, nodeStride * W, stride * W);
        nodeStride = stride;
    }

    private void leafStride(int stride) {
        leafSlot = Strides.widen(leafSlot, new int[trees * stride], trees, leafStride, stride);
        leafMass = Strides.widen(leafMass, new int[trees * stride], trees, leafStride, stride);
        leafStride = stride;
    }

    // indices into node and the leaf arrays computed before an allocation are stale after it

    private int allocNode(int t) {
        int i = freeNodeHead[t];
        if (i < 0) {
            i = freshNode[t]++;
            if (i == nodeStride) {
                nodeStride(Strides.next(nodeStride, nodeCap));
            }
            return i;
        }
        freeNodeHead[t] = node[(t * nodeStride + i) * W];
        return i;
    }

    private int allocLeaf(int t) {
        int l = freeLeafHead[t];
        if (l < 0) {
            l = freshLeaf[t]++;
            if (l == leafStride) {
                leafStride(Strides.next(leafStride, leafCap));
            }
            return l;
        }
        freeLeafHead[t] = leafSlot[t * leafStride + l];
        return l;
    }

    private void freeNode(int t, int i) {
        node[(t * nodeStride + i) * W] = freeNodeHead[t];
        freeNodeHead[t] = i;
    }

    private void freeLeaf(int t, int l) {
        leafSlot[t * leafStride + l] = freeLeafHead[t];
        freeLeafHead[t] = l;
    }

    /** Bytes of the arrays this forest's trees hold on the heap (boxes only once kept). */
    long heapBytes() {
        long ints = (long) node.length + leafSlot.length + leafMass.length + root.length + total.length
                + 6L * trees + path.length;
        long boxBytes = 16 + 4L * box.length;
        for (float[] b : box) {
            boxBytes += b == null ? 0 : 16 + 4L * b.length;
        }
        return 16 * 13 + boxBytes + 4 * ints + 8L * (log2OnePlus.length + inverse.length) + pathLeft.length;
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

    /**
     * Reads {@link #fill} takes below a node before the node keeps its box. 1: every node keeps its box, the
     * fastest to score (a walk up reads one box a level). {@link #COMPACT}: about a quarter of the nodes keep one,
     * and a mature model at 16 dimensions takes about half the heap, for up to twice the time a point.
     */
    private int keepAfter = 1;
    static final int COMPACT = 8;

    /**
     * Keeps boxes only every few reads up each tree from now on ({@link #COMPACT}): boxes kept so far are dropped,
     * and worked out again as they are needed. Scores do not change.
     */
    void compact() {
        if (keepAfter == COMPACT) {
            return;
        }
        keepAfter = COMPACT;
        for (int t = 0; t < trees; t++) {
            for (int i = 0; i < nodeStride; i++) {
                // gaps stay valid: only the boxes go
                node[(t * nodeStride + i) * W + CUT] &= ~SLOT_BITS;
            }
            box[t] = null;
            freshBox[t] = 0;
            freeBoxHead[t] = -1;
        }
    }

    boolean isCompact() {
        return keepAfter == COMPACT;
    }

    /** The slot of the box node record g keeps, or -1. */
    private int keptSlot(int g) {
        return ((node[g * W + CUT] & SLOT_BITS) >>> SLOT_SHIFT) - 1;
    }

    /** Makes internal node i's gap valid (after a decode nothing is): the walks route by it. */
    void ensureBox(int t, int i) {
        ensureGap(t, i, work());
    }

    /** {@link #ensureBox} with the caller's room for fill(). */
    private void ensureGap(int t, int ref, float[] w) {
        if (node[(t * nodeStride + ref) * W + CUT] >= 0) {
            fill(t, ref, w, 0);
        }
    }

    /**
     * Puts the box of internal node ref, which keeps none, in w[o, o + 2 * dims) (low corner, then high), making
     * valid on the way the gaps of the nodes it passes. Returns the reads it took: a child that is a point or
     * keeps its box is one read, another child costs its own. A node whose box took {@link #keepAfter} reads or
     * more keeps it (and costs one read from then on), so no box is more than a few reads away. Uses w up to o
     * plus 4 * dims per level below ref.
     */
    private int fill(int t, int ref, float[] w, int o) {
        int g = t * nodeStride + ref;
        int cw = node[g * W + CUT];
        int reads = join(t, ref, w, o, cw >= 0);
        cw |= OK;
        if (reads >= keepAfter) {
            int s = allocBox(t, ref);
            System.arraycopy(w, o, box[t], s * 2 * dims, 2 * dims);
            cw |= (s + 1) << SLOT_SHIFT;
            reads = 1;
        }
        node[g * W + CUT] = cw;
        return reads;
    }

    /**
     * Puts internal node ref's box, joined from its children's, in w[o, o + 2 * dims), and with setGap its gap in
     * its record; returns the reads it took (see {@link #fill}).
     */
    private int join(int t, int ref, float[] w, int o, boolean setGap) {
        int d = dims;
        int g = t * nodeStride + ref;
        int c = node[g * W];
        int l = left(c);
        int r = right(c);
        // each child's box: worked out below (w), kept, or a leaf's point (its low and high corner)
        int lk = l < 0 ? -1 : keptSlot(t * nodeStride + l);
        int rk = r < 0 ? -1 : keptSlot(t * nodeStride + r);
        boolean lw = l >= 0 && lk < 0;
        boolean rw = r >= 0 && rk < 0;
        int reads = (lw ? fill(t, l, w, o + 2 * d) : 1) + (rw ? fill(t, r, w, o + 4 * d) : 1);
        // read after the children: keeping a box may have grown the array
        float[] kept = box[t];
        float[] pv = points.values;
        float[] la = lw ? w : l < 0 ? pv : kept;
        int ll = lw ? o + 2 * d : l < 0 ? leafSlot[t * leafStride - l - 1] * d : lk * 2 * d;
        int lh = l < 0 ? ll : ll + d;
        float[] ra = rw ? w : r < 0 ? pv : kept;
        int rl = rw ? o + 4 * d : r < 0 ? leafSlot[t * leafStride - r - 1] * d : rk * 2 * d;
        int rh = r < 0 ? rl : rl + d;
        if (setGap) {
            int k = node[g * W + CUT] & 0xFFFF;
            // the left child's maximum and the right child's minimum in the cut dimension
            setGap(g, la[lh + k], ra[rl + k]);
        }
        for (int j = 0; j < d; j++) {
            w[o + j] = Math.min(la[ll + j], ra[rl + j]);
            w[o + d + j] = Math.max(la[lh + j], ra[rh + j]);
        }
        return reads;
    }

    /**
     * A box slot for node i of tree t, the array grown (by an eighth) when full. While every node keeps its box the
     * slot is the node's id, so a box's place is known before its node's record is read; a compact tree takes
     * free slots.
     */
    private int allocBox(int t, int i) {
        int s;
        float[] b = box[t];
        if (keepAfter == 1) {
            s = i;
        } else if (freeBoxHead[t] >= 0) {
            s = freeBoxHead[t];
            freeBoxHead[t] = (int) b[s * 2 * dims];
            return s;
        } else {
            s = freshBox[t]++;
        }
        int size = 2 * dims;
        if (b == null || b.length < (s + 1) * size) {
            int held = b == null ? 0 : b.length / size;
            // while every node keeps its box, room for the ids in use at once
            int least = keepAfter == 1 ? Math.max(s + 1, freshNode[t]) : s + 1;
            int slots = Math.min(nodeCap, Math.max(least, held + held / 8 + 4));
            box[t] = b == null ? new float[slots * size] : java.util.Arrays.copyOf(b, slots * size);
        }
        return s;
    }

    /** Gives back the box node record g keeps, if any (the node is being freed). */
    private void releaseBox(int t, int g) {
        int s = keptSlot(g);
        if (s >= 0 && keepAfter > 1) {
            // slot numbers stay far below 2^24: exact as a float
            box[t][s * 2 * dims] = freeBoxHead[t];
            freeBoxHead[t] = s;
        }
        node[g * W + CUT] &= ~SLOT_BITS;
    }

    /** Per-thread room for fill(): a model is used by one thread at a time. */
    private float[] work() {
        return SCRATCH.get().sized(trees, leafCap, dims).boxes;
    }

    /** Node ref's box, worked out, for tests. */
    float[] boxOf(int t, int ref) {
        if (ref < 0) {
            int p = leafSlot[t * leafStride - ref - 1] * dims;
            float[] b = java.util.Arrays.copyOfRange(points.values, p, p + 2 * dims);
            System.arraycopy(b, 0, b, dims, dims);
            return b;
        }
        int s = keptSlot(t * nodeStride + ref);
        if (s >= 0) {
            return java.util.Arrays.copyOfRange(box[t], s * 2 * dims, (s + 1) * 2 * dims);
        }
        float[] w = new float[(leafCap + 2) * 4 * dims];
        fill(t, ref, w, 0);
        return java.util.Arrays.copyOf(w, 2 * dims);
    }

    /** Whether node i keeps its box, for tests. */
    boolean keepsBox(int t, int i) {
        return keptSlot(t * nodeStride + i) >= 0;
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
            leafSlot[t * leafStride + l] = slot;
            leafMass[t * leafStride + l] = 1;
            root[t] = -l - 1;
            return slot;
        }
        final float[] pv = points.values;
        final int po = slot * dims;
        final float[] w = work();
        int parent = -1;
        boolean parentLeft = false;
        int ref = root[t];
        while (true) {
            float[] bl;
            float[] bh;
            int bo;
            int ho;
            if (ref < 0) {
                int gl = t * leafStride - ref - 1;
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
                int s = keptSlot(t * nodeStride + ref);
                if (s >= 0) {
                    bl = box[t];
                    bo = s * 2 * dims;
                } else {
                    fill(t, ref, w, 0);
                    bl = w;
                    bo = 0;
                }
                bh = bl;
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
                int g = t * nodeStride + n;
                int l = allocLeaf(t);
                leafSlot[t * leafStride + l] = slot;
                leafMass[t * leafStride + l] = 1;
                node[g * W] = sepLeft ? children(-l - 1, ref) : children(ref, -l - 1);
                if (sepLeft) {
                    setGap(g, pc, bl[bo + cut]);
                } else {
                    setGap(g, bh[bo + ho + cut], pc);
                }
                node[g * W + CUT] = cut | OK;
                if (keepAfter <= 2) {
                    // its box takes two reads or more: kept now, while both are at hand
                    int s = allocBox(t, n);
                    float[] b = box[t];
                    int off = s * 2 * dims;
                    for (int j = 0; j < dims; j++) {
                        float p = pv[po + j];
                        b[off + j] = Math.min(bl[bo + j], p);
                        b[off + dims + j] = Math.max(bh[bo + ho + j], p);
                    }
                    node[g * W + CUT] |= (s + 1) << SLOT_SHIFT;
                }
                if (parent < 0) {
                    root[t] = n;
                } else {
                    replaceChild(t, parent, parentLeft, n);
                }
                return slot;
            }
            // the drawn cut fell inside the box: keep this node's cut and descend
            int g = t * nodeStride + ref;
            int kept = keptSlot(g);
            if (ext > 0 && kept >= 0) {
                // a kept box grows to hold the point; one worked out from below will see it anyway
                float[] b = box[t];
                int ko = kept * 2 * dims;
                for (int j = 0; j < dims; j++) {
                    float p = pv[po + j];
                    if (p < b[ko + j]) {
                        b[ko + j] = p;
                    }
                    if (p > b[ko + dims + j]) {
                        b[ko + dims + j] = p;
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
        final float[] w = work();
        int top = 0;
        int ref = root[t];
        while (ref >= 0) {
            int g = t * nodeStride + ref;
            ensureGap(t, ref, w);
            path[top] = ref;
            int k = node[g * W + CUT] & 0xFFFF;
            // the left child's maximum in the cut dimension is the gap's low edge
            boolean goLeft = pv[po + k] <= gapLo(g);
            pathLeft[top++] = goLeft;
            ref = goLeft ? left(node[g * W]) : right(node[g * W]);
        }
        int gl = t * leafStride - ref - 1;
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
        int gq = t * nodeStride + q;
        int sibling = pathLeft[top - 1] ? right(node[gq * W]) : left(node[gq * W]);
        if (top == 1) {
            root[t] = sibling;
        } else {
            replaceChild(t, path[top - 2], pathLeft[top - 2], sibling);
        }
        releaseBox(t, gq);
        node[gq * W + CUT] = 0;
        freeNode(t, q);
        // the boxes above lost the point: refit them bottom-up, until a kept box stays as it was (then so do all
        // boxes and gaps above it)
        int i = top - 2;
        while (i >= 0 && refit(t, path[i], w)) {
            i--;
        }
    }

    private void replaceChild(int t, int parent, boolean isLeft, int child) {
        int gp = (t * nodeStride + parent) * W;
        int c = node[gp];
        node[gp] = isLeft ? children(child, right(c)) : children(left(c), child);
    }

    /**
     * Recomputes internal node i's gap, and its box if it keeps one, from its children; returns whether the box
     * may have changed (always true for a node that keeps none: nothing says what its box was).
     */
    private boolean refit(int t, int i, float[] w) {
        int g = t * nodeStride + i;
        int d = dims;
        int reads = join(t, i, w, 0, true);
        int s = keptSlot(g);
        if (s < 0) {
            return true;
        }
        float[] b = box[t];
        int bo = s * 2 * d;
        boolean changed = false;
        for (int j = 0; j < 2 * d; j++) {
            changed |= w[j] != b[bo + j];
            b[bo + j] = w[j];
        }
        if (2 * reads < keepAfter) {
            // the subtree below shrank: its box is cheap to work out again, so it is not worth keeping (else kept
            // boxes pile up as a compact tree turns over)
            releaseBox(t, g);
        }
        return changed;
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
    private int descend(int t, float[] q, int qo, float[] w) {
        int top = 0;
        int ref = root[t];
        while (ref >= 0) {
            int g = t * nodeStride + ref;
            ensureGap(t, ref, w);
            path[top++] = ref;
            if (touchBoxes) {
                // touch the box the ascent will read: its cache miss overlaps the walk down instead of stalling
                // later (worth it once boxes outgrow the caches, measured +17% at 16 dimensions, -3% at 4)
                int s = keptSlot(g);
                if (s >= 0) {
                    touched += box[t][s * 2 * dims];
                }
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
        float[] w = work();
        int leaf = descend(t, q, qo, w);
        return scoreFromLeaf(t, q, qo, leaf, path, 0, w);
    }

    /**
     * One step of an ascent: where node n's box is, given the box of its child {@code below} on the path at
     * ca[cl, cl + dims) (low) and ca[ch, ch + dims) (high). Returns n's kept box's offset in box[t], or -1 with
     * the box worked out in w[0, 2 * dims) (its other child's box joined to the one below; ca may be w).
     */
    private int boxAbove(int t, int n, int below, float[] ca, int cl, int ch, float[] w) {
        int g = t * nodeStride + n;
        int s = keptSlot(g);
        if (s >= 0) {
            return s * 2 * dims;
        }
        int c = node[g * W];
        int d = dims;
        int o = left(c) == below ? right(c) : left(c);
        // the other child's box: a leaf's point, kept, or worked out (after the box below, which may be in w)
        float[] oa = points.values;
        int ol;
        int oh;
        if (o < 0) {
            ol = leafSlot[t * leafStride - o - 1] * d;
            oh = ol;
        } else {
            int os = keptSlot(t * nodeStride + o);
            if (os < 0) {
                fill(t, o, w, 2 * d);
                oa = w;
                ol = 2 * d;
            } else {
                oa = box[t];
                ol = os * 2 * d;
            }
            oh = ol + d;
        }
        for (int j = 0; j < d; j++) {
            w[j] = Math.min(ca[cl + j], oa[ol + j]);
            w[d + j] = Math.max(ca[ch + j], oa[oh + j]);
        }
        return -1;
    }

    /** The rest of {@link #score} once the walk down reached {@code leaf} along path[po ..] (depth at po + leafCap). */
    private double scoreFromLeaf(int t, float[] q, int qo, int leaf, int[] path, int po, float[] w) {
        int top = path[po + leafCap];
        int gl = t * leafStride - leaf - 1;
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
        // the box of the node below, starting from the leaf's point
        float[] ca = pv;
        int cl = lp;
        int ch = lp;
        int below = leaf;
        for (int d = top - 1; d >= 0; d--) {
            int n = path[po + d];
            int at = boxAbove(t, n, below, ca, cl, ch, w);
            if (at >= 0) {
                ca = box[t];
                cl = at;
                ch = at + dims;
            } else {
                ca = w;
                cl = 0;
                ch = dims;
            }
            float ext = 0;
            float sides = 0;
            for (int j = 0; j < dims; j++) {
                // branch-free: in many dimensions which side the query lies on is a coin flip
                float v = q[qo + j];
                ext += Math.max(ca[cl + j] - v, 0f) + Math.max(v - ca[ch + j], 0f);
                sides += ca[ch + j] - ca[cl + j];
            }
            if (ext == 0) {
                // inside this box means inside every box above it: nothing changes further up
                break;
            }
            double p = ext / (ext + sides);
            s = p * inverse[d + 1] + (1 - p) * s;
            below = n;
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
        /** fill()'s room: two boxes a level, as deep as a tree can be, after the box an ascent works on. */
        float[] boxes = new float[0];

        Scratch sized(int trees, int leafCap, int dims) {
            if (boxes.length < (leafCap + 4) * 4 * dims) {
                boxes = new float[(leafCap + 4) * 4 * dims];
            }
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
        double[] perTree = SCRATCH.get().sized(trees, leafCap, dims).perTree;
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
        Scratch scratch = SCRATCH.get().sized(trees, leafCap, dims);
        int stride = leafCap + 1;
        int[] paths = scratch.paths;
        int[] lane = scratch.laneTree;
        int[] ref = scratch.laneRef;
        float[] w = scratch.boxes;
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
                int g = t * nodeStride + r;
                ensureGap(t, r, w);
                int po = i * stride;
                int top = paths[po + leafCap];
                paths[po + top] = r;
                paths[po + leafCap] = top + 1;
                float[] b = box[t];
                if (touchBoxes && b != null) {
                    // without a branch on whether the node keeps one (slot 0 stands in when not)
                    touch += b[Math.max(keptSlot(g), 0) * 2 * dims];
                }
                r = childToward(g, q[qo + (node[g * W + CUT] & 0xFFFF)]);
                ref[i] = r;
                if (r < 0) {
                    out[t] = scoreFromLeaf(t, q, qo, r, paths, po, w);
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
                out[t] = scoreFromLeaf(t, q, qo, r, paths, po, scratch.boxes);
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
        float[] w = work();
        int leaf = descend(t, q, qo, w);
        int lp = leafSlot[t * leafStride - leaf - 1] * dims;
        float[] pv = points.values;
        int r = root[t];
        int off = -1;
        float[] lo = w;
        float[] hi = w;
        if (r >= 0) {
            int s = keptSlot(t * nodeStride + r);
            if (s >= 0) {
                lo = box[t];
                hi = lo;
                off = s * 2 * dims;
            } else {
                fill(t, r, w, 0);
                off = 0;
            }
        }
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
        float[] w = work();
        int leaf = descend(t, q, qo, w);
        int top = path[leafCap];
        int gl = t * leafStride - leaf - 1;
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
        float[] ca = pv;
        int cl = lp;
        int ch = lp;
        int below = leaf;
        for (int d = top - 1; d >= 0; d--) {
            int n = path[d];
            int at = boxAbove(t, n, below, ca, cl, ch, w);
            if (at >= 0) {
                // attribution is asked for graded points only: a copy keeps this walk simple
                System.arraycopy(box[t], at, w, 0, 2 * dims);
            }
            ca = w;
            cl = 0;
            ch = dims;
            below = n;
            double range = 0;
            double ext = 0;
            for (int j = 0; j < dims; j++) {
                float v = q[qo + j];
                float l = ca[cl + j];
                float h = ca[ch + j];
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
                    tmpHigh[j] = keep * tmpHigh[j] + unseen * Math.max(v - ca[ch + j], 0) / range;
                    tmpLow[j] = keep * tmpLow[j] + unseen * Math.max(ca[cl + j] - v, 0) / range;
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
