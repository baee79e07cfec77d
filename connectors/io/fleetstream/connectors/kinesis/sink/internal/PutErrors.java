package io.fleetstream.connectors.kinesis.sink.internal;

import io.fleetstream.connectors.aws.SdkErrors;
import io.fleetstream.connectors.aws.SdkErrors.Kind;
import software.amazon.awssdk.services.kinesis.model.AccessDeniedException;
import software.amazon.awssdk.services.kinesis.model.InternalFailureException;
import software.amazon.awssdk.services.kinesis.model.KmsThrottlingException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/** What a failed PutRecords call, or a record a call did not put, means for the sink. */
public final class PutErrors {
    private PutErrors() {}

    /** Per-record error codes of a PutRecords response that mean throttling; any other is an internal failure. */
    public static Kind classifyRecord(String errorCode) {
        return "ProvisionedThroughputExceededException".equals(errorCode)
                || "KMSThrottlingException".equals(errorCode) ? Kind.THROTTLED : Kind.TRANSIENT;
    }

    public static Kind classify(Throwable error) {
        Throwable e = SdkErrors.unwrap(error);
        if (e instanceof ProvisionedThroughputExceededException || e instanceof LimitExceededException
                || e instanceof KmsThrottlingException) {
            return Kind.THROTTLED;
        }
        if (e instanceof InternalFailureException) {
            return Kind.TRANSIENT;
        }
        return SdkErrors.classify(e);
    }

    /** The message a failing job shows: names the stream, where it was looked for, the error and what to do. */
    public static String describe(String streamArn, String where, Throwable error) {
        Throwable e = SdkErrors.unwrap(error);
        String code = errorCode(e);
        String failed = "writing Kinesis stream " + streamArn + " (" + where + ") failed with " + code + ": ";
        if (e instanceof ResourceNotFoundException) {
            return failed + "the stream does not exist; create it or fix the stream ARN. " + e.getMessage();
        }
        if (e instanceof AccessDeniedException || "AccessDeniedException".equals(code)
                || "UnrecognizedClientException".equals(code) || "InvalidSignatureException".equals(code)
                || code.startsWith("KMSAccessDenied")) {
            return failed + "the credentials need kinesis:PutRecords on the stream (and kms:GenerateDataKey when "
                    + "it is encrypted with a customer-managed key). " + e.getMessage();
        }
        return failed + e.getMessage();
    }

    /** The service's error code, else the exception's class name. */
    static String errorCode(Throwable e) {
        String code = SdkErrors.errorCode(e);
        return code != null ? code : SdkErrors.unwrap(e).getClass().getSimpleName();
    }
}
