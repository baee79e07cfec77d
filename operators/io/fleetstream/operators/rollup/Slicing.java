package io.fleetstream.operators.rollup;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Event-time arithmetic of rollups cut into slices: the slice is the greatest common divisor of every window's
 * size and slide, so every window boundary is a slice boundary and a window is the union of whole slices. A slice
 * is named by its end (exclusive). Windows are aligned to the epoch, as Flink's assigners place them (offset 0),
 * and the times here are Flink's: a window fires at its {@code maxTimestamp} (end - 1) and is gone at its cleanup
 * time ({@code maxTimestamp + allowedLateness}, capped at {@code Long.MAX_VALUE}).
 */
final class Slicing implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long slice;
    private final long lateness;
    private final long[] size;
    private final long[] slide;

    Slicing(List<WindowSpec> specs, Duration allowedLateness) {
        int n = specs.size();
        size = new long[n];
        slide = new long[n];
        long g = 0;
        for (int k = 0; k < n; k++) {
            size[k] = specs.get(k).size().toMillis();
            slide[k] = specs.get(k).slide().toMillis();
            if (slide[k] < 1) {
                throw new IllegalArgumentException("a rollup window needs a size and slide of at least 1 ms, got "
                        + specs.get(k));
            }
            g = gcd(gcd(g, size[k]), slide[k]);
        }
        slice = g;
        lateness = allowedLateness.toMillis();
    }

    long slice() {
        return slice;
    }

    long size(int k) {
        return size[k];
    }

    long slide(int k) {
        return slide[k];
    }

    long sliceEnd(long timestamp) {
        return Math.floorDiv(timestamp, slice) * slice + slice;
    }

    /** Start of the earliest window of kind {@code k} that holds the slice ending at {@code sliceEnd}. */
    long firstStart(int k, long sliceEnd) {
        return -Math.floorDiv(size[k] - sliceEnd, slide[k]) * slide[k];
    }

    /** Start of the latest window of kind {@code k} that holds the slice ending at {@code sliceEnd}. */
    long lastStart(int k, long sliceEnd) {
        return Math.floorDiv(sliceEnd - slice, slide[k]) * slide[k];
    }

    long maxTimestamp(int k, long start) {
        return start + size[k] - 1;
    }

    long cleanupTime(int k, long start) {
        long max = maxTimestamp(k, start);
        long cleanup = max + lateness;
        return cleanup >= max ? cleanup : Long.MAX_VALUE;
    }

    /** Flink's {@code isWindowLate}: nothing may change the window any more. */
    boolean isLate(int k, long start, long watermark) {
        return cleanupTime(k, start) <= watermark;
    }

    /** Start of the window of kind {@code k} that fires at {@code time}, or {@code Long.MIN_VALUE} if none does. */
    long startFiringAt(int k, long time) {
        long start = time + 1 - size[k];
        return Math.floorMod(start, slide[k]) == 0 ? start : Long.MIN_VALUE;
    }

    /** When the slice is no longer in any window that may change. */
    long purgeTime(long sliceEnd) {
        long t = Long.MIN_VALUE;
        for (int k = 0; k < size.length; k++) {
            t = Math.max(t, cleanupTime(k, lastStart(k, sliceEnd)));
        }
        return t;
    }

    /**
     * The first time after {@code after} at which a window holding the slice fires or the slice is purged; only
     * asked while the slice's purge time is after {@code after}.
     */
    long nextTimer(long sliceEnd, long after) {
        long next = purgeTime(sliceEnd);
        for (int k = 0; k < size.length; k++) {
            long start = firstStart(k, sliceEnd);
            if (maxTimestamp(k, start) <= after) {
                // the first window whose maxTimestamp is after `after`: start > after - size + 1
                start = Math.floorDiv(after - size[k] + 1, slide[k]) * slide[k] + slide[k];
            }
            if (start <= lastStart(k, sliceEnd)) {
                next = Math.min(next, maxTimestamp(k, start));
            }
        }
        return next;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
