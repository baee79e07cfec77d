package io.fleetstream.connectors.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.Crc32MismatchException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * What a failed AWS SDK call means for a writer, by what every service has in common; each sink checks its
 * service's own exceptions first.
 */
public final class SdkErrors {
    private SdkErrors() {}

    public enum Kind {
        /** Over a limit of the service: retried with backoff for as long as it lasts. */
        THROTTLED,
        /** A 5xx, a timeout or a network error: retried with backoff a limited number of times. */
        TRANSIENT,
        /** Retrying cannot help (no such resource, access denied, an invalid request): the job fails. */
        FATAL
    }

    public static Kind classify(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof SdkServiceException) {
            SdkServiceException s = (SdkServiceException) e;
            if (s.isThrottlingException()) {
                return Kind.THROTTLED;
            }
            return s.statusCode() >= 500 || s.isClockSkewException() ? Kind.TRANSIENT : Kind.FATAL;
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
                || e instanceof Crc32MismatchException || hasIoCause(e)) {
            return Kind.TRANSIENT;
        }
        // Other client-side errors (no credentials, no region, a bad endpoint) do not heal by themselves.
        return Kind.FATAL;
    }

    /** The service's error code, or null. */
    public static String errorCode(Throwable error) {
        Throwable e = unwrap(error);
        return e instanceof AwsServiceException && ((AwsServiceException) e).awsErrorDetails() != null
                ? ((AwsServiceException) e).awsErrorDetails().errorCode() : null;
    }

    /** The SDK's own exception inside the future's wrappers. */
    public static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean hasIoCause(Throwable e) {
        if (!(e instanceof SdkClientException)) {
            return e instanceof IOException || e instanceof UncheckedIOException;
        }
        for (Throwable t = e.getCause(); t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }
}
