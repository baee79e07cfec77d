package io.fleetstream.anomaly.internal;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Forest state as (a) the raw input floats the live points are made of, each input stored once although a
 * point of shingle k shares k - 1 inputs with its neighbour, and (b) a bit stream: the points' sequence
 * numbers as gamma-coded gaps, then each tree in preorder (1 bit node/leaf, the cut dimension, the leaf's
 * point) and its reservoir (the entries are the leaves; only duplicates need more). Cut values, boxes,
 * masses and sampling keys are derived again, so they cost no bytes: masses while decoding, boxes on first
 * use, keys when a tree next evicts (decoding stays close to a copy; the work moves to where it is needed).
 */
final class ForestCodec {
    private ForestCodec() {
    }

    static final class Encoded {
        float[] floats;
        int floatCount;
        byte[] bits;
    }

    static Encoded encode(Forest f, int inputDims, int shingle) {
        PointStore ps = f.points;
        int dims = f.dims;
        int[] live = ps.liveSlotsByOrigin();
        int n = live.length;
        int[] index = new int[ps.capacity()];
        Arrays.fill(index, -1);
        for (int i = 0; i < n; i++) {
            index[live[i]] = i;
        }
        BitOutput out = new BitOutput(64 + f.numberOfTrees * f.sampleSize * 3);
        out.u64(f.rng.state);
        out.natural(f.seen);
        out.natural(n);
        float[] floats = new float[Math.max(16, n * inputDims * 2)];
        int fc = 0;
        long prevEnd = Long.MIN_VALUE;
        long prevOrigin = -1;
        for (int i = 0; i < n; i++) {
            int s = live[i];
            long o = ps.origin[s];
            out.natural(o - prevOrigin - 1);
            prevOrigin = o;
            long start = Math.max(o, prevEnd + 1);
            long end = o + shingle - 1;
            int need = (int) (end - start + 1) * inputDims;
            if (fc + need > floats.length) {
                floats = Arrays.copyOf(floats, Math.max(floats.length * 2, fc + need));
            }
            if (need > 0) {
                System.arraycopy(ps.values, s * dims + (int) (start - o) * inputDims, floats, fc, need);
                fc += need;
            }
            prevEnd = end;
        }
        int slotBits = bitsFor(n);
        int dimBits = bitsFor(dims);
        Reservoirs res = f.reservoirs;
        Trees tr = f.trees;
        int[] entryOf = new int[ps.capacity()];
        Arrays.fill(entryOf, -1);
        for (int t = 0; t < f.numberOfTrees; t++) {
            int cnt = res.count[t];
            int b = t * f.sampleSize;
            for (int e = cnt - 1; e >= 0; e--) {
                entryOf[res.slot[b + e]] = e;
            }
            out.bit(tr.root[t] != Trees.EMPTY);
            if (tr.root[t] != Trees.EMPTY) {
                out.f64(res.maxKey[t]);
                writeNode(out, f, t, tr.root[t], index, slotBits, dimBits, entryOf);
            }
            for (int e = 0; e < cnt; e++) {
                entryOf[res.slot[b + e]] = -1;
            }
        }
        Encoded enc = new Encoded();
        enc.floats = floats;
        enc.floatCount = fc;
        enc.bits = out.toByteArray();
        return enc;
    }

    private static void writeNode(BitOutput out, Forest f, int t, int ref, int[] index, int slotBits,
            int dimBits, int[] entryOf) {
        Trees tr = f.trees;
        if (ref >= 0) {
            int g = t * tr.nodeCap + ref;
            out.bit(true);
            out.bits(tr.node[g * 4 + 3] & 0xFFFF, dimBits);
            writeNode(out, f, t, tr.node[g * 4], index, slotBits, dimBits, entryOf);
            writeNode(out, f, t, tr.node[g * 4 + 1], index, slotBits, dimBits, entryOf);
            return;
        }
        int gl = t * tr.leafCap - ref - 1;
        int slot = tr.leafSlot[gl];
        int m = tr.leafMass[gl];
        out.bit(false);
        out.bits(index[slot], slotBits);
        int b = t * f.sampleSize;
        Reservoirs res = f.reservoirs;
        if (m == 1 && res.seq[b + entryOf[slot]] == f.points.origin[slot]) {
            out.bit(false);
            return;
        }
        // duplicates: the entries' own sequence numbers are needed to recompute their sampling keys
        out.bit(true);
        out.natural(m - 1);
        for (int e = entryOf[slot]; e < res.count[t]; e++) {
            if (res.slot[b + e] == slot) {
                out.natural(res.seq[b + e]);
            }
        }
    }

    static void decode(Forest f, int inputDims, int shingle, FloatBuffer floatBuffer, BitInput in) {
        PointStore ps = f.points;
        int dims = f.dims;
        // the forest may be a reused one: forget everything it held
        f.reservoirs.clear();
        for (int t = 0; t < f.numberOfTrees; t++) {
            f.trees.root[t] = Trees.EMPTY;
            f.trees.resetFree(t, 0, 0);
        }
        float[] floats = new float[floatBuffer.remaining()];
        floatBuffer.get(floats);
        int fp = 0;
        f.rng.state = in.u64();
        f.seen = in.natural();
        int n = (int) in.natural();
        ps.resetForDecode(n);
        float[] v = ps.values;
        long prevOrigin = -1;
        long prevEnd = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long o = prevOrigin + 1 + in.natural();
            ps.origin[i] = o;
            ps.refs[i] = 0;
            long end = o + shingle - 1;
            long start = o;
            if (prevEnd >= o) {
                int shared = (int) (prevEnd - o + 1) * inputDims;
                System.arraycopy(v, (i - 1) * dims + (int) (o - prevOrigin) * inputDims, v, i * dims, shared);
                start = prevEnd + 1;
            }
            int need = (int) (end - start + 1) * inputDims;
            System.arraycopy(floats, fp, v, i * dims + (int) (start - o) * inputDims, need);
            fp += need;
            prevOrigin = o;
            prevEnd = end;
        }
        int slotBits = bitsFor(n);
        int dimBits = bitsFor(dims);
        int[] stack = new int[f.sampleSize + 1];
        for (int t = 0; t < f.numberOfTrees; t++) {
            if (!in.bit()) {
                continue;
            }
            f.reservoirs.maxKey[t] = in.f64();
            decodeTree(f, t, in, slotBits, dimBits, stack);
        }
        ps.finishDecode();
    }

    /** Preorder without recursion: one peek of the bit stream per node. */
    private static void decodeTree(Forest f, int t, BitInput in, int slotBits, int dimBits, int[] stack) {
        Trees tr = f.trees;
        Reservoirs res = f.reservoirs;
        PointStore ps = f.points;
        int nodes = 0;
        int leaves = 0;
        int top = 0;
        // stack holds internal nodes whose left (stack >= 0 marker in node[() * 4]) or right child is pending
        while (true) {
            long w = in.peek();
            int ref;
            if (w < 0) {
                int id = nodes++;
                int g = t * tr.nodeCap + id;
                tr.node[g * 4 + 3] = (int) ((w << 1) >>> (64 - dimBits) & ((1 << dimBits) - 1));
                if (dimBits == 0) {
                    tr.node[g * 4 + 3] = 0;
                }
                in.skip(1 + dimBits);
                tr.node[g * 4] = Trees.EMPTY;
                tr.node[g * 4 + 3] &= ~Trees.OK;
                stack[top++] = id;
                continue;
            }
            int slot = slotBits == 0 ? 0 : (int) ((w << 1) >>> (64 - slotBits));
            boolean plain = ((w << (1 + slotBits)) & Long.MIN_VALUE) == 0;
            in.skip(2 + slotBits);
            int id = leaves++;
            int gl = t * tr.leafCap + id;
            tr.leafSlot[gl] = slot;
            if (plain) {
                tr.leafMass[gl] = 1;
                res.addDecoded(t, ps.origin[slot], slot);
                ps.refs[slot]++;
            } else {
                int m = (int) in.natural() + 1;
                tr.leafMass[gl] = m;
                for (int e = 0; e < m; e++) {
                    res.addDecoded(t, in.natural(), slot);
                    ps.refs[slot]++;
                }
            }
            ref = -id - 1;
            // attach the finished subtree, closing every node it completes
            while (top > 0) {
                int g = t * tr.nodeCap + stack[top - 1];
                if (tr.node[g * 4] == Trees.EMPTY) {
                    tr.node[g * 4] = ref;
                    break;
                }
                tr.node[g * 4 + 1] = ref;
                tr.node[g * 4 + 2] = tr.massOf(t, tr.node[g * 4]) + tr.massOf(t, ref);
                ref = stack[--top];
            }
            if (top == 0) {
                tr.root[t] = ref;
                tr.resetFree(t, nodes, leaves);
                return;
            }
        }
    }

    static int bitsFor(int count) {
        return count <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(count - 1);
    }
}
