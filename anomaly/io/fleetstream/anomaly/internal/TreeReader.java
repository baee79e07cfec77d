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
            readTree(t, full[t] ? members[t] : null, ForestCodec.bitsFor(m), stack);
        }
    }

    private void readTree(int t, int[] members, int memberBits, int[] stack) {
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
        int next = 0;
        int nodes = 0;
        int leaves = 0;
        int top = 0;
        while (true) {
            long w = in.peek();
            if (w < 0) {
                int id = nodes++;
                int g = (t * tr.nodeCap + id) * Trees.W;
                tr.node[g + 3] = dimBits == 0 ? 0 : (int) ((w << 1) >>> (64 - dimBits));
                in.skip(1 + dimBits);
                tr.node[g] = Trees.EMPTY;
                stack[top++] = id;
                continue;
            }
            int id = leaves++;
            int gl = t * tr.leafCap + id;
            int slot;
            if (id == specialAt[next]) {
                in.skip(1);
                slot = specialSlot[next];
                int mass = specialFrom[next + 1] - specialFrom[next];
                for (int e = specialFrom[next]; e < specialFrom[next + 1]; e++) {
                    res.addDecoded(t, seqs[e], slot);
                }
                tr.leafMass[gl] = mass;
                ps.refs[slot] += mass;
                next++;
            } else {
                int r = memberBits == 0 ? 0 : (int) ((w << 1) >>> (64 - memberBits));
                in.skip(1 + memberBits);
                slot = members == null ? r : members[r];
                res.addDecoded(t, ps.origin[slot], slot);
                tr.leafMass[gl] = 1;
                ps.refs[slot]++;
            }
            tr.leafSlot[gl] = slot;
            int ref = -id - 1;
            // attach the finished subtree, closing every node it completes
            while (top > 0) {
                int g = (t * tr.nodeCap + stack[top - 1]) * Trees.W;
                if (tr.node[g] == Trees.EMPTY) {
                    tr.node[g] = ref;
                    break;
                }
                tr.node[g + 1] = ref;
                tr.node[g + 2] = tr.massOf(t, tr.node[g]) + tr.massOf(t, ref);
                ref = stack[--top];
            }
            if (top == 0) {
                tr.root[t] = ref;
                tr.resetFree(t, nodes, leaves);
                return;
            }
        }
    }
}
