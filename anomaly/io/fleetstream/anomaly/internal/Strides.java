package io.fleetstream.anomaly.internal;

/**
 * Flat per-tree arrays (tree t's entries at t * stride) that grow with the trees: a forest's trees and reservoirs
 * fill together, so one stride for all keeps indexing a multiply-add while a young model holds room only for what
 * its trees have.
 */
final class Strides {
    private Strides() {}

    /** The stride after one that is full: a quarter more, at most cap. */
    static int next(int stride, int cap) {
        return Math.min(cap, stride + stride / 4 + 8);
    }

    /** Copies each tree's segment of {@code array} (stride apart) into {@code wider} (widerStride apart). */
    static <A> A widen(A array, A wider, int trees, int stride, int widerStride) {
        for (int t = 0; t < trees; t++) {
            System.arraycopy(array, t * stride, wider, t * widerStride, stride);
        }
        return wider;
    }
}
