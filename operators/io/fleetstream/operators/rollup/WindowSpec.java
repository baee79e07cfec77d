package io.fleetstream.operators.rollup;

import java.io.Serializable;
import java.time.Duration;

/** A rollup window: tumbling when slide equals size. Its label ({@code 1m}, {@code 5m/1m}) is stored in the lake. */
public final class WindowSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Duration size;
    private final Duration slide;

    private WindowSpec(Duration size, Duration slide) {
        if (size.isNegative() || size.isZero() || slide.isNegative() || slide.isZero() || slide.compareTo(size) > 0) {
            throw new IllegalArgumentException("a window needs 0 < slide <= size, got size " + size + " slide " + slide);
        }
        this.size = size;
        this.slide = slide;
    }

    public static WindowSpec tumbling(Duration size) {
        return new WindowSpec(size, size);
    }

    public static WindowSpec sliding(Duration size, Duration slide) {
        return new WindowSpec(size, slide);
    }

    public boolean isTumbling() {
        return size.equals(slide);
    }

    public Duration size() {
        return size;
    }

    public Duration slide() {
        return slide;
    }

    public String label() {
        return isTumbling() ? compact(size) : compact(size) + "/" + compact(slide);
    }

    /** {@code 1m}, {@code 90s}, {@code 2h}, {@code 1d}, {@code 250ms}. */
    public static String compact(Duration d) {
        long ms = d.toMillis();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (ms % units[i] == 0) {
                return ms / units[i] + names[i];
            }
        }
        return ms + "ms";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowSpec && ((WindowSpec) o).size.equals(size) && ((WindowSpec) o).slide.equals(slide);
    }

    @Override
    public int hashCode() {
        return size.hashCode() * 31 + slide.hashCode();
    }

    @Override
    public String toString() {
        return label();
    }
}
