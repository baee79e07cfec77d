package io.fleetstream.sinks.timeseries.internal;

/** A write the time-series store refused for good, or kept failing past the retry timeout. */
public final class TimeSeriesWriteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TimeSeriesWriteException(String message) {
        super(message);
    }

    public TimeSeriesWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
