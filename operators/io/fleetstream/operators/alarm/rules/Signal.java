package io.fleetstream.operators.alarm.rules;

import java.io.Serializable;
import java.util.Objects;

/**
 * A number derived from a device's readings that a {@link Condition} compares with a threshold: a metric's value,
 * its distance from a reference, its change within a window, or whether it repeated its previous value.
 */
public final class Signal implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** The metric's latest value. */
        VALUE,
        /** |metric − reference|, the reference a metric (e.g. a setpoint) or a constant. */
        DEVIATION,
        /** Latest value minus the lowest value within the window: how far it rose. */
        RISE,
        /** Highest value within the window minus the latest value: how far it fell. */
        FALL,
        /** Change per minute from the oldest value within the window to the latest (negative when falling). */
        SLOPE,
        /** 1 when the latest value equals the one before it, else 0. */
        UNCHANGED
    }

    public final Kind kind;
    public final String metric;
    /** For DEVIATION: the reference metric, or null when {@link #referenceValue} is the reference. */
    public final String reference;
    public final double referenceValue;
    /** For RISE, FALL and SLOPE, in milliseconds of event time; 0 otherwise. */
    public final long windowMillis;

    private Signal(Kind kind, String metric, String reference, double referenceValue, long windowMillis) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.metric = Objects.requireNonNull(metric, "metric");
        this.reference = reference;
        this.referenceValue = referenceValue;
        this.windowMillis = windowMillis;
        if ((kind == Kind.RISE || kind == Kind.FALL || kind == Kind.SLOPE) && windowMillis <= 0) {
            throw new IllegalArgumentException(kind + " of " + metric + " needs a positive window");
        }
    }

    public static Signal value(String metric) {
        return new Signal(Kind.VALUE, metric, null, 0, 0);
    }

    public static Signal deviationFrom(String metric, String referenceMetric) {
        return new Signal(Kind.DEVIATION, metric, Objects.requireNonNull(referenceMetric, "reference"), 0, 0);
    }

    public static Signal deviationFrom(String metric, double referenceValue) {
        return new Signal(Kind.DEVIATION, metric, null, referenceValue, 0);
    }

    public static Signal rise(String metric, long windowMillis) {
        return new Signal(Kind.RISE, metric, null, 0, windowMillis);
    }

    public static Signal fall(String metric, long windowMillis) {
        return new Signal(Kind.FALL, metric, null, 0, windowMillis);
    }

    public static Signal slope(String metric, long windowMillis) {
        return new Signal(Kind.SLOPE, metric, null, 0, windowMillis);
    }

    public static Signal unchanged(String metric) {
        return new Signal(Kind.UNCHANGED, metric, null, 0, 0);
    }

    /** Whether the signal needs the metric's recent history, not only its latest value. */
    public boolean windowed() {
        return windowMillis > 0;
    }

    @Override
    public String toString() {
        switch (kind) {
            case VALUE:
                return metric;
            case DEVIATION:
                return "|" + metric + " - " + (reference != null ? reference : Conditions.number(referenceValue))
                        + "|";
            case UNCHANGED:
                return metric + " unchanged";
            default:
                return kind.name().toLowerCase() + "(" + metric + ", " + Conditions.duration(windowMillis) + ")";
        }
    }
}
