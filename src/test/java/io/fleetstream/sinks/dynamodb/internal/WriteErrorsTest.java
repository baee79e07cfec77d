package io.fleetstream.sinks.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.sinks.dynamodb.internal.WriteErrors.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

class WriteErrorsTest {
    static DynamoDbException service(String code, int status) {
        return (DynamoDbException) DynamoDbException.builder().statusCode(status).message(code + " message")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " message").build())
                .build();
    }

    @Test
    void aRefusedConditionIsAStaleWriteNotAFailure() {
        assertThat(WriteErrors.classify(new CompletionException(ConditionalCheckFailedException.builder().build())))
                .isEqualTo(Kind.STALE);
    }

    @Test
    void throttlingIsRetriedWithoutLimit() {
        assertThat(WriteErrors.classify(ProvisionedThroughputExceededException.builder().statusCode(400).build()))
                .isEqualTo(Kind.THROTTLED);
        assertThat(WriteErrors.classify(RequestLimitExceededException.builder().statusCode(400).build()))
                .isEqualTo(Kind.THROTTLED);
        assertThat(WriteErrors.classify(ThrottlingException.builder().statusCode(400).build()))
                .isEqualTo(Kind.THROTTLED);
        assertThat(WriteErrors.classify(service("ThrottlingException", 400))).isEqualTo(Kind.THROTTLED);
    }

    @Test
    void serverErrorsConflictsTimeoutsAndNetworkErrorsAreTransient() {
        assertThat(WriteErrors.classify(InternalServerErrorException.builder().statusCode(500).build()))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(WriteErrors.classify(service("ServiceUnavailable", 503))).isEqualTo(Kind.TRANSIENT);
        assertThat(WriteErrors.classify(TransactionConflictException.builder().statusCode(400).build()))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(WriteErrors.classify(ApiCallTimeoutException.create(30_000))).isEqualTo(Kind.TRANSIENT);
        assertThat(WriteErrors.classify(new CompletionException(SdkClientException.create(
                "Unable to execute HTTP request", new ConnectException("Connection refused"))))).isEqualTo(Kind.TRANSIENT);
        assertThat(WriteErrors.classify(new IOException("reset"))).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void missingTablesDeniedAccessAndInvalidRequestsAreFatal() {
        assertThat(WriteErrors.classify(ResourceNotFoundException.builder().statusCode(400).build()))
                .isEqualTo(Kind.FATAL);
        assertThat(WriteErrors.classify(service("AccessDeniedException", 400))).isEqualTo(Kind.FATAL);
        assertThat(WriteErrors.classify(service("ValidationException", 400))).isEqualTo(Kind.FATAL);
        assertThat(WriteErrors.classify(SdkClientException.create("Unable to load credentials")))
                .isEqualTo(Kind.FATAL);
    }

    @Test
    void fatalMessagesNameTheTableWhereItWasLookedForAndWhatToDo() {
        assertThat(WriteErrors.describe("fleet-state", "region eu-west-1",
                new CompletionException(ResourceNotFoundException.builder().message("Requested resource not found").build())))
                .startsWith("DynamoDB table 'fleet-state' does not exist (region eu-west-1): create it with partition "
                        + "key deviceId (type String)");
        assertThat(WriteErrors.describe("fleet-state", "region eu-west-1", service("AccessDeniedException", 400)))
                .startsWith("not allowed to write DynamoDB table 'fleet-state' (region eu-west-1): the credentials "
                        + "need dynamodb:UpdateItem on the table");
        assertThat(WriteErrors.describe("fleet-state", "region eu-west-1", service("ValidationException", 400)))
                .startsWith("writing DynamoDB table 'fleet-state' (region eu-west-1) failed with ValidationException: ");
    }

    @Test
    void backoffDoublesFromFiftyMillisecondsUpToFiveSecondsWithJitterInTheUpperHalf() {
        assertThat(Backoff.ceilingMillis(1)).isEqualTo(50);
        assertThat(Backoff.ceilingMillis(2)).isEqualTo(100);
        assertThat(Backoff.ceilingMillis(7)).isEqualTo(3_200);
        assertThat(Backoff.ceilingMillis(8)).isEqualTo(5_000);
        assertThat(Backoff.ceilingMillis(1_000)).isEqualTo(5_000);
        for (int attempt = 1; attempt < 12; attempt++) {
            long ceiling = Backoff.ceilingMillis(attempt);
            for (int i = 0; i < 100; i++) {
                assertThat(Backoff.delayMillis(attempt)).isBetween(ceiling / 2, ceiling);
            }
        }
    }
}
