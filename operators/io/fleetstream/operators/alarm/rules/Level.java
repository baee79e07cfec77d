package io.fleetstream.operators.alarm.rules;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One severity of a condition rule, with its own hysteresis: it becomes active once all {@link #raise} conditions
 * have held for {@link #raiseForMillis} of event time, and inactive once all {@link #clear} conditions have held for
 * {@link #clearForMillis}. Between the two (the hysteresis band) nothing changes, so a value hovering at the
 * threshold does not make the alarm flap. Without clear conditions the level clears when the raise conditions stop
 * holding.
 */
public final class Level implements Serializable {
    private static final long serialVersionUID = 1L;

    public final Severity severity;
    public final List<Condition> raise;
    public final long raiseForMillis;
    /** Empty: "the raise conditions do not all hold". */
    public final List<Condition> clear;
    public final long clearForMillis;
    private final boolean readingsOnly;

    public Level(Severity severity, List<Condition> raise, long raiseForMillis, List<Condition> clear,
            long clearForMillis) {
        this.severity = Objects.requireNonNull(severity, "severity");
        this.raise = List.copyOf(raise);
        this.clear = List.copyOf(clear);
        if (this.raise.isEmpty()) {
            throw new IllegalArgumentException("a level needs at least one raise condition");
        }
        if (raiseForMillis < 0 || clearForMillis < 0) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        this.raiseForMillis = raiseForMillis;
        this.clearForMillis = clearForMillis;
        this.readingsOnly = this.raise.stream().anyMatch(c -> c.signal.kind == Signal.Kind.UNCHANGED);
    }

    public String describeRaise() {
        String s = Conditions.all(raise);
        return raiseForMillis > 0 ? s + " for " + Conditions.duration(raiseForMillis) : s;
    }

    /** E.g. {@code temp_c < 6 for 2m}, or {@code no longer holding} without clear conditions. */
    public String describeClear() {
        // Without clear conditions a clear-for still applies, to "the raise conditions stop holding".
        String s = clear.isEmpty() ? "no longer holding" : Conditions.all(clear);
        return clearForMillis > 0 ? s + " for " + Conditions.duration(clearForMillis) : s;
    }

    /**
     * Whether the raise conditions can only be confirmed by readings. "The value did not change" needs readings
     * to show it: a device that stops reporting is not a stuck sensor, so such a level raises on a reading once
     * the duration has passed instead of on a deadline (a door that reported "open" once is still open).
     */
    public boolean raisesOnReadingsOnly() {
        return readingsOnly;
    }

    @Override
    public String toString() {
        return severity + ": " + describeRaise() + "; clear when " + describeClear();
    }
}
