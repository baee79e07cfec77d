package io.fleetstream.connectors.kinesis.sink.internal;

import io.fleetstream.connectors.asyncsink.Outcomes;
import io.fleetstream.connectors.aws.Backoff;
import io.fleetstream.connectors.aws.SdkErrors.Kind;
import io.fleetstream.connectors.aws.SdkErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Sends one batch of entries as one PutRecords call and tells Flink's buffer the outcome: records the stream took
 * are done; records it did not take (a partial failure) or a whole call that was throttled or failed on the way go
 * back to the buffer after a backoff, through {@link ResultHandler#retryForEntries}; an error retrying cannot fix
 * fails the job with a message naming the stream. Entries that can never be put are counted and reported, not
 * sent. The batch stays in flight while it waits to be retried, so a checkpoint waits for it.
 */
public final class BatchSender {
    private static final Logger LOG = LoggerFactory.getLogger(BatchSender.class);

    /** 100 ms doubling up to 5 s: a shard's write limits are per second. */
    static final Backoff BACKOFF = new Backoff(100, 5_000);
    /** Attempts of one record before a transient error that is not throttling fails the job. */
    static final int MAX_TRANSIENT_ATTEMPTS = 10;

    /** The PutRecords call: the SDK client's in the job, a fake in unit tests. */
    public interface PutRecords {
        CompletableFuture<PutRecordsResponse> put(PutRecordsRequest request);
    }

    /** Runs a task after a delay, off the caller's thread. */
    public interface Delays {
        void after(long millis, Runnable task);
    }

    /** Records the stream took, records sent again, records never sent. */
    public static final class Counters {
        final Counter sent;
        final Counter retried;
        final Counter failed;

        public Counters(Counter sent, Counter retried, Counter failed) {
            this.sent = sent;
            this.retried = retried;
            this.failed = failed;
        }
    }

    private final String streamArn;
    private final String where;
    private final PutRecords client;
    private final Delays delays;
    private final Counters counters;
    private final AtomicLong retryWarnings = new AtomicLong();
    /** Set when Flink closes the writer (end, cancel, failover): calls still completing then report nothing. */
    private volatile boolean closed;

    /** @param where e.g. {@code region eu-west-1} or {@code endpoint http://127.0.0.1:4567}, for messages */
    public BatchSender(String streamArn, String where, PutRecords client, Delays delays, Counters counters) {
        this.streamArn = streamArn;
        this.where = where;
        this.client = client;
        this.delays = delays;
        this.counters = counters;
    }

    public void send(List<KinesisEntry> entries, ResultHandler<KinesisEntry> result) {
        List<KinesisEntry> batch = new ArrayList<>(entries.size());
        List<PutRecordsRequestEntry> records = new ArrayList<>(entries.size());
        for (KinesisEntry e : entries) {
            if (e.isRejected()) {
                reject(e);
            } else {
                batch.add(e);
                records.add(PutRecordsRequestEntry.builder().partitionKey(e.partitionKey)
                        .data(SdkBytes.fromByteArrayUnsafe(e.data)).build());
            }
        }
        if (batch.isEmpty()) {
            report(result::complete);
            return;
        }
        CompletableFuture<PutRecordsResponse> call;
        try {
            call = client.put(PutRecordsRequest.builder().streamARN(streamArn).records(records).build());
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((response, error) -> {
            if (error != null) {
                callFailed(batch, error, result);
            } else {
                putDone(batch, response, result);
            }
        });
    }

    public void close() {
        closed = true;
    }

    private void putDone(List<KinesisEntry> batch, PutRecordsResponse response, ResultHandler<KinesisEntry> result) {
        List<PutRecordsResultEntry> results = response.records();
        List<KinesisEntry> again = new ArrayList<>();
        String firstError = null;
        boolean gaveUp = false;
        for (int i = 0; i < batch.size(); i++) {
            // Results come in request order; a short answer leaves the rest unconfirmed, so they go again.
            PutRecordsResultEntry r = i < results.size() ? results.get(i) : null;
            if (r != null && r.errorCode() == null) {
                continue;
            }
            String code = r == null ? "no result" : r.errorCode();
            KinesisEntry e = batch.get(i);
            e.failedAttempts++;
            gaveUp |= PutErrors.classifyRecord(code) == Kind.TRANSIENT
                    && e.failedAttempts >= MAX_TRANSIENT_ATTEMPTS;
            if (firstError == null) {
                firstError = code + (r == null || r.errorMessage() == null ? "" : ": " + r.errorMessage());
            }
            again.add(e);
        }
        counters.sent.inc(batch.size() - again.size());
        if (again.isEmpty()) {
            report(result::complete);
        } else if (gaveUp) {
            KinesisWriteException e = new KinesisWriteException("writing Kinesis stream " + streamArn + " (" + where
                    + ") failed: records still not put after " + MAX_TRANSIENT_ATTEMPTS + " attempts, last "
                    + "with " + firstError, null);
            report(() -> result.completeExceptionally(e));
        } else {
            retryLater(again, again.size() + " of " + batch.size() + " records not put: " + firstError, result);
        }
    }

    private void callFailed(List<KinesisEntry> batch, Throwable error, ResultHandler<KinesisEntry> result) {
        Kind kind = PutErrors.classify(error);
        int attempts = 0;
        for (KinesisEntry e : batch) {
            attempts = Math.max(attempts, ++e.failedAttempts);
        }
        if (kind == Kind.FATAL
                || (kind == Kind.TRANSIENT && attempts >= MAX_TRANSIENT_ATTEMPTS)) {
            String message = PutErrors.describe(streamArn, where, error)
                    + (kind == Kind.FATAL ? "" : " (gave up after " + attempts + " attempts)");
            report(() -> result.completeExceptionally(new KinesisWriteException(message, SdkErrors.unwrap(error))));
            return;
        }
        Throwable e = SdkErrors.unwrap(error);
        retryLater(batch, "PutRecords failed with " + PutErrors.errorCode(e) + ": " + e.getMessage(), result);
    }

    private void retryLater(List<KinesisEntry> again, String why, ResultHandler<KinesisEntry> result) {
        int attempts = 1;
        for (KinesisEntry e : again) {
            attempts = Math.max(attempts, e.failedAttempts);
        }
        long delay = BACKOFF.delayMillis(attempts);
        counters.retried.inc(again.size());
        // Powers of two: the first few in full, then fewer and fewer lines while the throttling lasts.
        if (Long.bitCount(retryWarnings.incrementAndGet()) == 1) {
            LOG.warn("Retrying {} records for Kinesis stream {} in {} ms (attempt {}): {}", again.size(), streamArn,
                    delay, attempts + 1, why);
        }
        delays.after(delay, () -> report(() -> result.retryForEntries(again)));
    }

    private void reject(KinesisEntry e) {
        counters.failed.inc();
        long count = counters.failed.getCount();
        if (Long.bitCount(count) == 1) {
            LOG.warn("Not sending a record to Kinesis stream {} (partition key {}): {}; {} such records so far",
                    streamArn, e.partitionKey, e.rejection, count);
        }
    }

    private void report(Runnable outcome) {
        Outcomes.report(closed, outcome, LOG, "Kinesis stream " + streamArn);
    }
}
