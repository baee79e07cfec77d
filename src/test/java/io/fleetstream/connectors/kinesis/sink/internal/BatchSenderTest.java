package io.fleetstream.connectors.kinesis.sink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.AccessDeniedException;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/** The sender's decisions on each PutRecords outcome, against a fake call (the real one: KinesisSinkTest). */
class BatchSenderTest {
    private static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/alarms";

    private final List<PutRecordsRequest> requests = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private final SimpleCounter sent = new SimpleCounter();
    private final SimpleCounter retried = new SimpleCounter();
    private final SimpleCounter failed = new SimpleCounter();
    private Function<PutRecordsRequest, CompletableFuture<PutRecordsResponse>> answer;

    private final BatchSender sender = new BatchSender(ARN, "region us-east-1", r -> {
        requests.add(r);
        return answer.apply(r);
    }, (millis, task) -> {
        delays.add(millis);
        task.run();
    }, new BatchSender.Counters(sent, retried, failed));

    @Test
    void putsTheBatchInOrderAndCompletesWhenTheStreamTookEveryRecord() {
        answer = r -> ok(r.records().size(), List.of());
        Outcome outcome = send(entries(3));

        assertThat(outcome.completed).isTrue();
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.streamARN()).isEqualTo(ARN);
            assertThat(r.records()).extracting(e -> e.partitionKey()).containsExactly("device-0", "device-1",
                    "device-2");
            assertThat(r.records()).extracting(e -> e.data().asUtf8String()).containsExactly("record-0", "record-1",
                    "record-2");
        });
        assertThat(sent.getCount()).isEqualTo(3);
        assertThat(retried.getCount()).isZero();
    }

    @Test
    void retriesOnlyTheEntriesAPartialFailureRejected() {
        List<KinesisEntry> batch = entries(5);
        answer = r -> ok(r.records().size(), List.of(1, 3));
        Outcome outcome = send(batch);

        assertThat(outcome.retry).containsExactly(batch.get(1), batch.get(3));
        assertThat(sent.getCount()).isEqualTo(3);
        assertThat(retried.getCount()).isEqualTo(2);
        assertThat(delays).singleElement().satisfies(d -> assertThat(d).isBetween(50L, 100L));
    }

    @Test
    void aRecordTheStreamKeepsFailingInternallyFailsTheJobAfterAFewAttempts() {
        List<KinesisEntry> batch = entries(2);
        answer = r -> CompletableFuture.completedFuture(PutRecordsResponse.builder().failedRecordCount(1)
                .records(PutRecordsResultEntry.builder().shardId("shardId-000000000000").sequenceNumber("1").build(),
                        PutRecordsResultEntry.builder().errorCode("InternalFailure").errorMessage("Internal service "
                                + "failure.").build()).build());
        assertThat(send(batch).retry).containsExactly(batch.get(1));
        answer = r -> CompletableFuture.completedFuture(PutRecordsResponse.builder().failedRecordCount(1)
                .records(PutRecordsResultEntry.builder().errorCode("InternalFailure").errorMessage("Internal service "
                        + "failure.").build()).build());
        for (int attempt = 2; attempt < BatchSender.MAX_TRANSIENT_ATTEMPTS; attempt++) {
            assertThat(send(List.of(batch.get(1))).retry).containsExactly(batch.get(1));
        }
        assertThat(send(List.of(batch.get(1))).error).hasMessageContaining(ARN).hasMessageContaining("InternalFailure");
    }

    @Test
    void aThrottledCallIsRetriedWholeWithAGrowingBackoffForAsLongAsItLasts() {
        List<KinesisEntry> batch = entries(4);
        answer = r -> CompletableFuture.failedFuture(ProvisionedThroughputExceededException.builder()
                .message("Rate exceeded for shard shardId-000000000000").statusCode(400).build());
        for (int attempt = 1; attempt <= 3 * BatchSender.MAX_TRANSIENT_ATTEMPTS; attempt++) {
            Outcome outcome = send(batch);
            assertThat(outcome.retry).as("attempt %d", attempt).containsExactlyElementsOf(batch);
            long ceiling = BatchSender.BACKOFF.ceilingMillis(attempt);
            assertThat(delays.get(attempt - 1)).isBetween(ceiling / 2, ceiling);
        }
        assertThat(BatchSender.BACKOFF.ceilingMillis(3 * BatchSender.MAX_TRANSIENT_ATTEMPTS)).isEqualTo(5_000L);
        assertThat(retried.getCount()).isEqualTo(4L * 3 * BatchSender.MAX_TRANSIENT_ATTEMPTS);
        assertThat(sent.getCount()).isZero();
    }

    @Test
    void aServerErrorIsRetriedAFewTimesThenFailsTheJobNamingTheStream() {
        List<KinesisEntry> batch = entries(2);
        answer = r -> CompletableFuture.failedFuture(KinesisException.builder().message("We encountered an "
                + "internal error").statusCode(503).awsErrorDetails(code("ServiceUnavailable")).build());
        for (int attempt = 1; attempt < BatchSender.MAX_TRANSIENT_ATTEMPTS; attempt++) {
            assertThat(send(batch).retry).containsExactlyElementsOf(batch);
        }
        Outcome last = send(batch);
        assertThat(last.retry).isNull();
        assertThat(last.error).hasMessageContaining(ARN).hasMessageContaining("ServiceUnavailable")
                .hasMessageContaining("gave up after " + BatchSender.MAX_TRANSIENT_ATTEMPTS + " attempts");
    }

    @Test
    void aNetworkErrorIsRetried() {
        answer = r -> CompletableFuture.failedFuture(SdkClientException.create("Unable to execute HTTP request",
                new java.net.ConnectException("Connection refused")));
        assertThat(send(entries(1)).retry).hasSize(1);
    }

    @Test
    void aMissingStreamFailsTheJobWithTheStreamAndTheCauseInTheMessage() {
        answer = r -> CompletableFuture.failedFuture(ResourceNotFoundException.builder()
                .message("Stream alarms under account 000000000000 not found.").statusCode(400)
                .awsErrorDetails(code("ResourceNotFoundException")).build());
        Outcome outcome = send(entries(2));

        assertThat(outcome.retry).isNull();
        assertThat(outcome.error).isInstanceOf(KinesisWriteException.class)
                .hasMessageContaining(ARN).hasMessageContaining("ResourceNotFoundException")
                .hasMessageContaining("does not exist").hasMessageContaining("region us-east-1")
                .hasCauseInstanceOf(ResourceNotFoundException.class);
        assertThat(requests).hasSize(1);
    }

    @Test
    void deniedAccessAndAnInvalidRequestFailTheJobAtOnce() {
        answer = r -> CompletableFuture.failedFuture(AccessDeniedException.builder().message("not authorized to "
                + "perform: kinesis:PutRecords").statusCode(400).awsErrorDetails(code("AccessDeniedException"))
                .build());
        assertThat(send(entries(1)).error).hasMessageContaining("AccessDeniedException")
                .hasMessageContaining("kinesis:PutRecords on the stream");

        answer = r -> CompletableFuture.failedFuture(InvalidArgumentException.builder().message("bad request")
                .statusCode(400).awsErrorDetails(code("InvalidArgumentException")).build());
        assertThat(send(entries(1)).error).hasMessageContaining("InvalidArgumentException").hasMessageContaining(ARN);
        assertThat(delays).isEmpty();
    }

    @Test
    void aRecordThatCanNeverFitIsCountedAndNotSentAndTheRestAre() {
        List<KinesisEntry> batch = new ArrayList<>(entries(2));
        batch.add(1, RecordLimits.entry("device-big", new byte[RecordLimits.MAX_RECORD_BYTES]));
        answer = r -> ok(r.records().size(), List.of());
        Outcome outcome = send(batch);

        assertThat(outcome.completed).isTrue();
        assertThat(requests.get(0).records()).extracting(e -> e.partitionKey()).containsExactly("device-0",
                "device-1");
        assertThat(failed.getCount()).isEqualTo(1);
        assertThat(sent.getCount()).isEqualTo(2);
    }

    @Test
    void aBatchOfOnlyUnsendableRecordsCompletesWithoutACall() {
        Outcome outcome = send(List.of(RecordLimits.entry("", new byte[1]),
                RecordLimits.entry("k".repeat(RecordLimits.MAX_KEY_CHARS + 1), new byte[1])));

        assertThat(outcome.completed).isTrue();
        assertThat(requests).isEmpty();
        assertThat(failed.getCount()).isEqualTo(2);
    }

    @Test
    void nothingIsReportedOnceTheWriterIsClosed() {
        CompletableFuture<PutRecordsResponse> pending = new CompletableFuture<>();
        answer = r -> pending;
        Outcome outcome = new Outcome();
        sender.send(entries(1), outcome);
        sender.close();
        pending.complete(PutRecordsResponse.builder().records(PutRecordsResultEntry.builder().build()).build());

        assertThat(outcome.completed).isFalse();
        assertThat(outcome.retry).isNull();
        assertThat(outcome.error).isNull();
    }

    private Outcome send(List<KinesisEntry> batch) {
        Outcome outcome = new Outcome();
        sender.send(batch, outcome);
        return outcome;
    }

    private static List<KinesisEntry> entries(int n) {
        List<KinesisEntry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(RecordLimits.entry("device-" + i, ("record-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** A response where the records at {@code failed} were throttled. */
    private static CompletableFuture<PutRecordsResponse> ok(int n, List<Integer> failed) {
        List<PutRecordsResultEntry> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            results.add(failed.contains(i)
                    ? PutRecordsResultEntry.builder().errorCode("ProvisionedThroughputExceededException")
                            .errorMessage("Rate exceeded for shard shardId-000000000001").build()
                    : PutRecordsResultEntry.builder().shardId("shardId-000000000000").sequenceNumber("4960" + i)
                            .build());
        }
        return CompletableFuture.completedFuture(PutRecordsResponse.builder().failedRecordCount(failed.size())
                .records(results).build());
    }

    private static AwsErrorDetails code(String code) {
        return AwsErrorDetails.builder().errorCode(code).build();
    }

    /** What the sender told Flink's buffer. */
    private static final class Outcome implements ResultHandler<KinesisEntry> {
        boolean completed;
        List<KinesisEntry> retry;
        Exception error;

        @Override
        public void complete() {
            completed = true;
        }

        @Override
        public void completeExceptionally(Exception e) {
            error = e;
        }

        @Override
        public void retryForEntries(List<KinesisEntry> entries) {
            retry = entries;
        }
    }
}
