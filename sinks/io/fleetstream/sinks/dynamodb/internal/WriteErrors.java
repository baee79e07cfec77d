package io.fleetstream.sinks.dynamodb.internal;

import io.fleetstream.connectors.aws.SdkErrors;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ReplicatedWriteConflictException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/** What a failed UpdateItem means for the sink. */
public final class WriteErrors {
    private WriteErrors() {}

    public enum Kind {
        /** The table already holds this state or a newer one: the write is done. */
        STALE,
        /** The table or account is over its throughput: retried with backoff for as long as it lasts. */
        THROTTLED,
        /** A 5xx, a conflict, a timeout or a network error: retried with backoff a limited number of times. */
        TRANSIENT,
        /** Retrying cannot help (no such table, access denied, invalid request): the job fails. */
        FATAL
    }

    public static Kind classify(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof ConditionalCheckFailedException) {
            return Kind.STALE;
        }
        if (e instanceof ProvisionedThroughputExceededException || e instanceof RequestLimitExceededException
                || e instanceof ThrottlingException) {
            return Kind.THROTTLED;
        }
        if (e instanceof InternalServerErrorException || e instanceof TransactionConflictException
                || e instanceof ReplicatedWriteConflictException) {
            return Kind.TRANSIENT;
        }
        switch (SdkErrors.classify(e)) {
            case THROTTLED:
                return Kind.THROTTLED;
            case TRANSIENT:
                return Kind.TRANSIENT;
            default:
                return Kind.FATAL;
        }
    }

    /**
     * The message a failing job shows: names the table, where it was looked for, and what to do.
     *
     * @param where e.g. {@code region eu-west-1} or {@code endpoint http://127.0.0.1:8000}
     */
    public static String describe(String table, String where, Throwable error) {
        Throwable e = unwrap(error);
        String code = SdkErrors.errorCode(e);
        if (e instanceof ResourceNotFoundException) {
            return "DynamoDB table '" + table + "' does not exist (" + where + "): create it with partition key "
                    + "deviceId (type String), or fix the table name. " + e.getMessage();
        }
        if ("AccessDeniedException".equals(code) || "UnrecognizedClientException".equals(code)
                || "InvalidSignatureException".equals(code)) {
            return "not allowed to write DynamoDB table '" + table + "' (" + where + "): the credentials need "
                    + "dynamodb:UpdateItem on the table. " + e.getMessage();
        }
        return "writing DynamoDB table '" + table + "' (" + where + ") failed"
                + (code == null ? "" : " with " + code) + ": " + e.getMessage();
    }

    static Throwable unwrap(Throwable e) {
        return SdkErrors.unwrap(e);
    }
}
