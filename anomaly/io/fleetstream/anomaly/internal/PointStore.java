package io.fleetstream.anomaly.internal;

import java.util.Arrays;

/**
 * Shingled points shared by all trees, one slot of {@code dims} floats each, reference counted by the
 * reservoir entries that hold them. {@code origin} is the sequence number that created the slot: the codec
 * stores inputs, not points, and rebuilds each point from the inputs at origin .. origin + shingle - 1.
 */
final class PointStore {
    final int dims;
    float[] values;
    int[] refs;
    long[] origin;
    private int[] free;
    private int freeTop;
    private int used;

    PointStore(int dims, int initialCapacity) {
        this.dims = dims;
        int cap = Math.max(4, initialCapacity);
        values = new float[cap * dims];
        refs = new int[cap];
        origin = new long[cap];
        free = new int[cap];
    }

    long heapBytes() {
        return 16 * 4 + 4L * values.length + 4L * refs.length + 8L * origin.length + 4L * free.length;
    }

    int capacity() {
        return refs.length;
    }

    int add(float[] point, int offset, long seq) {
        int slot;
        if (freeTop > 0) {
            slot = free[--freeTop];
        } else {
            if (used == refs.length) {
                grow();
            }
            slot = used++;
        }
        System.arraycopy(point, offset, values, slot * dims, dims);
        refs[slot] = 0;
        origin[slot] = seq;
        return slot;
    }

    void retain(int slot) {
        refs[slot]++;
    }

    void release(int slot) {
        if (--refs[slot] == 0) {
            free[freeTop++] = slot;
        }
    }

    /** Frees a slot that no tree took. */
    void dropIfUnused(int slot) {
        if (refs[slot] == 0) {
            free[freeTop++] = slot;
        }
    }

    /** Slots in use, in increasing origin order: the codec's numbering. */
    int[] liveSlotsByOrigin() {
        int n = 0;
        int[] live = new int[used];
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int s = 0; s < used; s++) {
            if (refs[s] > 0) {
                live[n++] = s;
                min = Math.min(min, origin[s]);
                max = Math.max(max, origin[s]);
            }
        }
        if (n > 0 && max - min < 8L * n + 64) {
            // origins are distinct and (unless the model keeps very old points) span a few times their number:
            // put each slot at its origin's offset and read them back in order, linear where sorting thousands of
            // keys was a fifth of an encode
            int[] at = new int[(int) (max - min + 1)];
            for (int i = 0; i < n; i++) {
                at[(int) (origin[live[i]] - min)] = live[i] + 1;
            }
            int[] out = new int[n];
            int k = 0;
            for (int slotPlusOne : at) {
                if (slotPlusOne != 0) {
                    out[k++] = slotPlusOne - 1;
                }
            }
            return out;
        }
        long[] keys = new long[n];
        boolean packable = used <= (1 << 20);
        for (int i = 0; i < n && packable; i++) {
            packable = origin[live[i]] < (1L << 43);
            keys[i] = (origin[live[i]] << 20) | live[i];
        }
        int[] out = new int[n];
        if (packable) {
            // primitive sort of (origin, slot) packed in one long: encode must stay cheap
            Arrays.sort(keys);
            for (int i = 0; i < n; i++) {
                out[i] = (int) (keys[i] & ((1 << 20) - 1));
            }
        } else {
            Integer[] boxed = new Integer[n];
            for (int i = 0; i < n; i++) {
                boxed[i] = live[i];
            }
            Arrays.sort(boxed, (a, b) -> Long.compare(origin[a], origin[b]));
            for (int i = 0; i < n; i++) {
                out[i] = boxed[i];
            }
        }
        return out;
    }

    /** For the decoder: slots 0..n-1 filled in order, reference counts set by the caller. */
    void resetForDecode(int n) {
        if (n > refs.length) {
            // room for the points the next updates add before the ones they push out are freed: without it the
            // first update after a decode doubled the store, a sixth of a cached model's heap for nothing
            int cap = Math.max(n + n / 8 + 16, 4);
            values = new float[cap * dims];
            refs = new int[cap];
            origin = new long[cap];
            free = new int[cap];
        }
        used = n;
        freeTop = 0;
    }

    void finishDecode() {
        for (int s = used - 1; s >= 0; s--) {
            if (refs[s] == 0) {
                free[freeTop++] = s;
            }
        }
    }

    /**
     * A quarter more, not twice: a model's live points settle at a size set by its reservoirs, and a cached model's
     * spare slots are heap the cache could give another device. Which slot a point gets does not depend on this.
     */
    private void grow() {
        int cap = refs.length + refs.length / 4 + 16;
        values = Arrays.copyOf(values, cap * dims);
        refs = Arrays.copyOf(refs, cap);
        origin = Arrays.copyOf(origin, cap);
        free = Arrays.copyOf(free, cap);
    }
}
