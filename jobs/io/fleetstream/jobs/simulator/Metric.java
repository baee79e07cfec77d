package io.fleetstream.jobs.simulator;

import java.nio.charset.StandardCharsets;

/** One metric a device kind reports, with the range its fault-free signal never leaves. */
public final class Metric {

    private final String name;
    private final boolean bool;
    private final double normalMin;
    private final double normalMax;
    private final double spikeDelta;
    private final boolean stuckable;
    final byte[] jsonKey;

    Metric(String name, boolean bool, double normalMin, double normalMax, double spikeDelta, boolean stuckable) {
        this.name = name;
        this.bool = bool;
        this.normalMin = normalMin;
        this.normalMax = normalMax;
        this.spikeDelta = spikeDelta;
        this.stuckable = stuckable;
        this.jsonKey = ('"' + name + "\":").getBytes(StandardCharsets.US_ASCII);
    }

    public String name() {
        return name;
    }

    /** Written as JSON {@code true}/{@code false}; 1/0 in {@link SimulatedReading#metrics()}. */
    public boolean isBoolean() {
        return bool;
    }

    /** Lowest value of the fault-free signal (inclusive). */
    public double normalMin() {
        return normalMin;
    }

    /** Highest value of the fault-free signal (inclusive). */
    public double normalMax() {
        return normalMax;
    }

    /** What a {@link FaultType#SPIKE} adds; 0 when the metric is never spiked. */
    public double spikeDelta() {
        return spikeDelta;
    }

    boolean spikeable() {
        return spikeDelta != 0;
    }

    boolean stuckable() {
        return stuckable;
    }

    @Override
    public String toString() {
        return name;
    }
}
