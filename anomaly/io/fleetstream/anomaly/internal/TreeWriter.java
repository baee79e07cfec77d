package io.fleetstream.anomaly.internal;

import java.util.Arrays;

/**
 * Writes the trees of a forest after its points ({@link ForestCodec}); {@link TreeReader} reads them.
 *
 * <p>First every tree's header: whether it is empty, its reservoir's largest key and whether the reservoir is
 * full. A full reservoir holds exactly the points whose key is at most its largest one, and keys are a pure
 * function of (seed, tree, sequence number), so the reader works out which live points each tree holds; a
 * tree that is not full holds them all. The writer only states how many (a check).
 *
 * <p>Then per tree: its special leaves (a leaf whose point entered more than once, or entered under another
 * point's sequence number because it was equal to a point already stored), each with its point and entries;
 * then the tree in preorder: an internal node is a 1 bit and its cut dimension, a leaf a 0 bit and, unless
 * special, the rank of its point among the points the tree holds: log2(256) bits where naming one of all live
 * points would take log2(thousands).
 */
final class TreeWriter {
    private final Forest f;
    private final int[] index;
    private final long[] origins;
    private final BitOutput out;
    private final int[] rank;
    private final int[] entryOf;
    private final int[] order;
    /** For each node in {@link #order}: whether it is a leaf that is not plain (see {@link #plain}). */
    private final boolean[] specialAt;
    private final long[] held;
    private final int[] stack;
    private final int[] code;
    private final int[] codeBits;

    TreeWriter(Forest f, int[] index, long[] origins, BitOutput out) {
        this.f = f;
        this.index = index;
        this.origins = origins;
        this.out = out;
        this.rank = new int[origins.length];
        Arrays.fill(rank, -1);
        this.entryOf = new int[f.points.capacity()];
        Arrays.fill(entryOf, -1);
        this.order = new int[2 * f.sampleSize];
        this.specialAt = new boolean[2 * f.sampleSize];
        this.held = new long[(origins.length + 63) >>> 6];
        this.stack = new int[f.sampleSize + 1];
        this.code = new int[2 * f.sampleSize];
        this.codeBits = new int[2 * f.sampleSize];
    }

    void writeAll() {
        Trees tr = f.trees;
        Reservoirs res = f.reservoirs;
        for (int t = 0; t < f.numberOfTrees; t++) {
            boolean nonEmpty = tr.root[t] != Trees.EMPTY;
            out.bit(nonEmpty);
            if (nonEmpty) {
                out.f64(res.maxKey[t]);
                out.bit(res.count[t] == f.sampleSize);
            }
        }
        int[] members = new int[f.sampleSize];
        for (int t = 0; t < f.numberOfTrees; t++) {
            if (tr.root[t] != Trees.EMPTY) {
                writeTree(t, members);
            }
        }
    }

    private void writeTree(int t, int[] members) {
        Trees tr = f.trees;
        Reservoirs res = f.reservoirs;
        int b = t * f.reservoirs.stride;
        int cnt = res.count[t];
        int m = 0;
        for (int e = 0; e < cnt; e++) {
            int li = liveIndexOf(res.seq[b + e], res.slot[b + e]);
            if (li >= 0) {
                members[m++] = li;
            }
        }
        // ranks in live-point order through a bitmap: cheaper than sorting 256 numbers per tree
        for (int r = 0; r < m; r++) {
            held[members[r] >>> 6] |= 1L << members[r];
        }
        int next = 0;
        for (int w = 0; w < held.length; w++) {
            long bits = held[w];
            while (bits != 0) {
                rank[(w << 6) + Long.numberOfTrailingZeros(bits)] = next++;
                bits &= bits - 1;
            }
            held[w] = 0;
        }
        int memberBits = ForestCodec.bitsFor(m);
        out.natural(m);
        for (int e = cnt - 1; e >= 0; e--) {
            entryOf[res.slot[b + e]] = e;
        }
        int nodes = preorder(t, memberBits);
        int specials = 0;
        for (int i = 0; i < nodes; i++) {
            specials += specialAt[i] ? 1 : 0;
        }
        out.natural(specials);
        int leaf = 0;
        int prev = -1;
        for (int i = 0; i < nodes && specials > 0; i++) {
            if (order[i] >= 0) {
                continue;
            }
            if (specialAt[i]) {
                out.natural(leaf - prev - 1);
                prev = leaf;
                writeSpecial(t, order[i], memberBits);
                specials--;
            }
            leaf++;
        }
        for (int i = 0; i < nodes; i++) {
            out.bits(code[i], codeBits[i]);
        }
        for (int r = 0; r < m; r++) {
            rank[members[r]] = -1;
        }
        for (int e = 0; e < cnt; e++) {
            entryOf[res.slot[b + e]] = -1;
        }
    }

    /** A leaf that holds its point once, under the point's own sequence number. */
    private boolean plain(int t, int ref) {
        int gl = t * f.trees.leafStride - ref - 1;
        int slot = f.trees.leafSlot[gl];
        return f.trees.leafMass[gl] == 1
                && f.reservoirs.seq[t * f.reservoirs.stride + entryOf[slot]] == f.points.origin[slot];
    }

    private void writeSpecial(int t, int ref, int memberBits) {
        int gl = t * f.trees.leafStride - ref - 1;
        int slot = f.trees.leafSlot[gl];
        int mass = f.trees.leafMass[gl];
        out.bits(index[slot], ForestCodec.bitsFor(origins.length));
        out.natural(mass - 1);
        Reservoirs res = f.reservoirs;
        int b = t * f.reservoirs.stride;
        long[] seqs = new long[mass];
        int k = 0;
        for (int e = entryOf[slot]; e < res.count[t] && k < mass; e++) {
            if (res.slot[b + e] == slot) {
                seqs[k++] = res.seq[b + e];
            }
        }
        // in sequence order, so that the bytes do not depend on the reservoir's heap layout
        Arrays.sort(seqs);
        for (long s : seqs) {
            int li = liveIndexOf(s, slot);
            out.bit(li >= 0);
            if (li >= 0) {
                out.bits(rank[li], memberBits);
            } else {
                out.natural(s);
            }
        }
    }

    /** The live point whose sequence number is s (held in slot, or merged into it), else -1. */
    private int liveIndexOf(long s, int slot) {
        if (f.points.origin[slot] == s) {
            return index[slot];
        }
        int i = Arrays.binarySearch(origins, s);
        return i >= 0 ? i : -1;
    }

    /**
     * Tree t's nodes in preorder into {@link #order}, each one's code word (its bit and its field: an internal
     * node's cut dimension, a plain leaf's rank, nothing for a special leaf) into {@link #code} and
     * {@link #codeBits}, and whether it is a plain leaf; returns their number. The words are written in a loop of
     * their own, without the branch on the kind of node that the preorder walk takes anyway.
     */
    private int preorder(int t, int memberBits) {
        Trees tr = f.trees;
        int dimBits = ForestCodec.bitsFor(f.dims);
        int[] stack = this.stack;
        int top = 0;
        int k = 0;
        stack[top++] = tr.root[t];
        while (top > 0) {
            int ref = stack[--top];
            order[k] = ref;
            if (ref >= 0) {
                int g = (t * tr.nodeStride + ref) * Trees.W;
                specialAt[k] = false;
                code[k] = (1 << dimBits) | (tr.node[g + Trees.CUT] & 0xFFFF);
                codeBits[k] = 1 + dimBits;
                stack[top++] = Trees.right(tr.node[g]);
                stack[top++] = Trees.left(tr.node[g]);
            } else {
                boolean plain = plain(t, ref);
                specialAt[k] = !plain;
                code[k] = plain ? rank[index[tr.leafSlot[t * tr.leafStride - ref - 1]]] : 0;
                codeBits[k] = plain ? 1 + memberBits : 1;
            }
            k++;
        }
        return k;
    }
}
