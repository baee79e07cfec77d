package io.fleetstream.anomaly.internal;

import java.util.Arrays;

/**
 * Forest state as one bit stream: the live points' sequence numbers as gamma-coded gaps; the inputs they are
 * made of, each stored once although a point of shingle k shares k - 1 inputs with its neighbour, as grid
 * multiples ({@link ValueCoder}); then the trees ({@link TreeWriter}). Cut values, boxes, masses, sampling
 * keys and which points each tree holds are derived again, so they cost no bytes: masses and membership while
 * decoding, boxes on first use, keys when a tree next evicts.
 */
final class ForestCodec {
    private ForestCodec() {
    }

    static byte[] encode(Forest f, int inputDims, int shingle, float[] steps) {
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
        ValueCoder.encode(floats, fc, inputDims, steps, out);
        long[] origins = new long[n];
        for (int i = 0; i < n; i++) {
            origins[i] = ps.origin[live[i]];
        }
        new TreeWriter(f, index, origins, out).writeAll();
        return out.toByteArray();
    }

    static void decode(Forest f, int inputDims, int shingle, float[] steps, BitInput in) {
        PointStore ps = f.points;
        int dims = f.dims;
        // the forest may be a reused one: forget everything it held
        f.reservoirs.clear();
        for (int t = 0; t < f.numberOfTrees; t++) {
            f.trees.root[t] = Trees.EMPTY;
            f.trees.total[t] = 0;
            f.trees.resetFree(t, 0, 0);
        }
        f.rng.state = in.u64();
        f.seen = in.natural();
        int n = (int) in.natural();
        ps.resetForDecode(n);
        // each point's values are a window of the stored inputs, and its inputs are stored contiguously (oldest
        // first): note where each window starts, then copy whole windows
        int[] start = new int[n];
        long prevOrigin = -1;
        long prevEnd = Long.MIN_VALUE;
        int fc = 0;
        for (int i = 0; i < n; i++) {
            long o = prevOrigin + 1 + in.natural();
            ps.origin[i] = o;
            ps.refs[i] = 0;
            start[i] = prevEnd >= o ? fc - (int) (prevEnd - o + 1) * inputDims : fc;
            fc += (int) (o + shingle - 1 - Math.max(o, prevEnd + 1) + 1) * inputDims;
            prevOrigin = o;
            prevEnd = o + shingle - 1;
        }
        float[] floats = new float[fc];
        ValueCoder.decode(floats, fc, inputDims, steps, in);
        float[] v = ps.values;
        for (int i = 0; i < n; i++) {
            int from = start[i];
            int to = i * dims;
            for (int j = 0; j < dims; j++) {
                v[to + j] = floats[from + j];
            }
        }
        new TreeReader(f, n, in).readAll();
        ps.finishDecode();
    }

    static int bitsFor(int count) {
        return count <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(count - 1);
    }
}
