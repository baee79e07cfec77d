package io.fleetstream.connectors.kinesis.sink.internal;

/** A write to a Kinesis stream that retrying cannot fix; fails the job. */
public final class KinesisWriteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KinesisWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
