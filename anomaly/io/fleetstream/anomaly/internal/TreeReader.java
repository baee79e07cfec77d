package io.fleetstream.anomaly.internal;

/**
 * Reads what {@link TreeWriter} wrote into a forest whose point store already holds the live points as slots
 * 0..n-1 in sequence order.
 */
final class TreeReader {
    private final Forest f;
    private final int n;
    private final BitInput in;

    TreeReader(Forest f, int n, BitInput in) {
        this.f = f;
        this.n = n;
        this.in = in;
    }

    void readAll() {
        int trees = f.numberOfTrees;
        Reservoirs res = f.reservoirs;
        boolean[] nonEmpty = new boolean[trees];
        boolean[] full = new boolean[trees];
        int[][] members = new int[trees][];
        for (int t = 0; t < trees; t++) {
            nonEmpty[t] = in.bit();
            if (nonEmpty[t]) {
                res.maxKey[t] = in.f64();
                full[t] = in.bit();
                if (full[t]) {
                    members[t] = new int[f.sampleSize];
                }
            }
        }
        int[] counts = res.membersByKey(f.points.origin, n, full, members);
        // every entry is a distinct point offered so far
        res.reserve((int) Math.min(res.capacity, f.seen));
        int[] stack = new int[f.sampleSize + 1];
        for (int t = 0; t < trees; t++) {
            if (!nonEmpty[t]) {
                continue;
            }
            int m = (int) in.natural();
            if (m != (full[t] ? counts[t] : n)) {
                throw new IllegalArgumentException("corrupt model state: tree " + t + " should hold " + m
                        + " points, their keys say " + (full[t] ? counts[t] : n));
            }
            readTree(t, full[t] ? members[t] : null, m, stack);
        }
    }

    private void readTree(int t, int[] members, int m, int[] stack) {
        int memberBits = ForestCodec.bitsFor(m);
        Trees tr = f.trees;
        Reservoirs res = f.reservoirs;
        PointStore ps = f.points;
        int specials = (int) in.natural();
        int[] specialAt = new int[specials + 1];
        int[] specialSlot = new int[specials];
        int[] specialFrom = new int[specials + 1];
        long[] seqs = new long[Math.max(4, specials * 2)];
        int used = 0;
        int slotBits = ForestCodec.bitsFor(n);
        int at = -1;
        for (int k = 0; k < specials; k++) {
            at += 1 + (int) in.natural();
            specialAt[k] = at;
            specialSlot[k] = (int) in.bits(slotBits);
            int mass = (int) in.natural() + 1;
            specialFrom[k] = used;
            for (int e = 0; e < mass; e++) {
                long s;
                if (in.bit()) {
                    int r = (int) in.bits(memberBits);
                    s = ps.origin[members == null ? r : members[r]];
                } else {
                    s = in.natural();
                }
                if (used == seqs.length) {
                    seqs = java.util.Arrays.copyOf(seqs, used * 2);
                }
                seqs[used++] = s;
            }
        }
        specialFrom[specials] = used;
        specialAt[specials] = Integer.MAX_VALUE;
        int dimBits = ForestCodec.bitsFor(f.dims);
        // a leaf is one of the m points named by rank, or a special one: room for them before the arrays are read
        tr.reserve(m + specials);
        int[] node = tr.node;
        int[] leafSlot = tr.leafSlot;
        int[] leafMass = tr.leafMass;
        int[] refs = ps.refs;
        long[] origin = ps.origin;
        int nodeBase = t * tr.nodeStride;
        int leafBase = t * tr.leafStride;
        // the tree's reservoir entries, in leaf order: its heap is rebuilt when the tree next evicts
        long[] resSeq = res.seq;
        int[] resSlot = res.slot;
        int resBase = t * res.stride;
        int held = 0;
        // fields are at most 1 + 16 bits: refill the 57-bit window once fewer than that are left
        long pos = in.position();
        long w = in.window(pos);
        int consumed = 0;
        int next = 0;
        int nodes = 0;
        int leaves = 0;
        int top = 0;
        // in preorder the node after an internal one is its left child, and the node after a leaf is the right
        // child of the innermost node still waiting for one: the record (and half of its children word) that the
        // next node links into is known before it is read
        int parent = -1;
        int half = Trees.LEFT_HALF;
        int root = Trees.EMPTY;
        while (true) {
            if (consumed > 40) {
                pos += consumed;
                w = in.window(pos);
                consumed = 0;
            }
            long cur = w << consumed;
            if (cur < 0) {
                if (nodes == tr.nodeStride) {
                    throw new IllegalArgumentException("corrupt model state: tree " + t + " has too many nodes");
                }
                int id = nodes++;
                int g = (nodeBase + id) * Trees.W;
                node[g + Trees.CUT] = dimBits == 0 ? 0 : (int) ((cur << 1) >>> (64 - dimBits));
                consumed += 1 + dimBits;
                if (parent >= 0) {
                    node[parent] = Trees.withChild(node[parent], half, id);
                } else {
                    root = id;
                }
                stack[top++] = g;
                parent = g;
                half = Trees.LEFT_HALF;
                continue;
            }
            if (leaves == tr.leafStride) {
                throw new IllegalArgumentException("corrupt model state: tree " + t + " has too many leaves");
            }
            int id = leaves++;
            int gl = leafBase + id;
            int slot;
            int mass;
            if (id == specialAt[next]) {
                consumed += 1;
                slot = specialSlot[next];
                mass = specialFrom[next + 1] - specialFrom[next];
                if (held + mass > res.stride) {
                    throw new IllegalArgumentException("corrupt model state: tree " + t + " holds too many points");
                }
                for (int e = specialFrom[next]; e < specialFrom[next + 1]; e++) {
                    resSeq[resBase + held] = seqs[e];
                    resSlot[resBase + held++] = slot;
                }
                next++;
            } else {
                int r = memberBits == 0 ? 0 : (int) ((cur << 1) >>> (64 - memberBits));
                consumed += 1 + memberBits;
                if (r >= m) {
                    throw new IllegalArgumentException("corrupt model state: tree " + t + " names point " + r);
                }
                slot = members == null ? r : members[r];
                if (held == res.stride) {
                    throw new IllegalArgumentException("corrupt model state: tree " + t + " holds too many points");
                }
                resSeq[resBase + held] = origin[slot];
                resSlot[resBase + held++] = slot;
                mass = 1;
            }
            leafMass[gl] = mass;
            refs[slot] += mass;
            leafSlot[gl] = slot;
            int ref = -id - 1;
            if (parent >= 0) {
                node[parent] = Trees.withChild(node[parent], half, ref);
            } else {
                root = ref;
            }
            if (top == 0) {
                in.position(pos + consumed);
                res.decoded(t, held);
                tr.root[t] = root;
                tr.total[t] = held;
                tr.resetFree(t, nodes, leaves);
                return;
            }
            parent = stack[--top];
            half = Trees.RIGHT_HALF;
        }
    }
}
