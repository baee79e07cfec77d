package io.fleetstream.operators.alarm.rules;

import java.io.Serializable;
import java.util.Objects;

/** A comparison of a {@link Signal} with a threshold, e.g. {@code temp_c > 8}. */
public final class Condition implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum Op {
        ABOVE(">"), AT_LEAST(">="), BELOW("<"), AT_MOST("<="), EQUALS("=="), NOT_EQUALS("!=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        boolean test(double v, double threshold) {
            switch (this) {
                case ABOVE:
                    return v > threshold;
                case AT_LEAST:
                    return v >= threshold;
                case BELOW:
                    return v < threshold;
                case AT_MOST:
                    return v <= threshold;
                case EQUALS:
                    return v == threshold;
                case NOT_EQUALS:
                    return v != threshold;
                default:
                    throw new AssertionError(this);
            }
        }
    }

    public final Signal signal;
    public final Op op;
    public final double threshold;

    public Condition(Signal signal, Op op, double threshold) {
        this.signal = Objects.requireNonNull(signal, "signal");
        this.op = Objects.requireNonNull(op, "op");
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold of " + signal + " must be a finite number");
        }
        this.threshold = threshold;
    }

    /** Whether the signal's value meets the condition; an unknown value (NaN) never does. */
    public boolean test(double signalValue) {
        return !Double.isNaN(signalValue) && op.test(signalValue, threshold);
    }

    @Override
    public String toString() {
        return signal + " " + op.symbol() + " " + Conditions.number(threshold);
    }
}
