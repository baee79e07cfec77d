package io.fleetstream.sinks.timeseries;

/**
 * Unit of the timestamps written, sent as the write API's {@code precision} parameter. Points are given in
 * milliseconds; a coarser unit rounds them down, a finer one pads them.
 */
public enum Precision {
    NS("ns", 1_000_000L, 1),
    US("us", 1_000L, 1),
    MS("ms", 1, 1),
    S("s", 1, 1_000L);

    private final String parameter;
    private final long multiplier;
    private final long divisor;

    Precision(String parameter, long multiplier, long divisor) {
        this.parameter = parameter;
        this.multiplier = multiplier;
        this.divisor = divisor;
    }

    /** The value of the write API's {@code precision} query parameter. */
    public String parameter() {
        return parameter;
    }

    /**
     * Epoch milliseconds in this unit.
     *
     * @throws ArithmeticException when the instant cannot be expressed (nanoseconds past the year 2262)
     */
    public long fromMillis(long epochMillis) {
        return Math.floorDiv(Math.multiplyExact(epochMillis, multiplier), divisor);
    }
}
