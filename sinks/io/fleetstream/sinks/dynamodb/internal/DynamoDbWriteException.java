package io.fleetstream.sinks.dynamodb.internal;

/** A write to the current-state table that retrying cannot fix; fails the job. */
public final class DynamoDbWriteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DynamoDbWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
