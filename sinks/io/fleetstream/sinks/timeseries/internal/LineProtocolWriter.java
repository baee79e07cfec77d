package io.fleetstream.sinks.timeseries.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

/**
 * Sends batches of lines to the write API with {@link HttpClient}'s asynchronous calls. {@link AsyncSinkWriter}
 * batches (by count, bytes and time), bounds the requests in flight and the lines buffered (so a slow store slows
 * the job instead of filling memory), and waits for every request before a checkpoint completes (at least once).
 *
 * <p>A store that is busy or down (HTTP 408, 429, 5xx, network errors) gets the same lines again through
 * {@link ResultHandler#retryForEntries}, after an exponential backoff that honours {@code Retry-After}. The
 * request stays in flight while it waits, so the backoff also holds back new requests. Any other status fails the
 * job with the status and the store's answer: those do not get better by retrying. So does a store that has kept
 * failing for the retry timeout.
 */
public final class LineProtocolWriter<T> extends AsyncSinkWriter<T, byte[]> {
    private final WriteTarget target;
    private final HttpClient client;
    private final ScheduledExecutorService retryTimer;
    private final RetryRounds retryRounds;
    /** System.nanoTime() of the first failure since the last success; -1 while writes succeed. */
    private final AtomicLong failingSince = new AtomicLong(-1);
    private final Counter pointsWritten;
    private final Counter pointsSkipped;
    private final Counter retries;

    public LineProtocolWriter(ElementConverter<T, byte[]> converter, WriterInitContext context,
            AsyncSinkWriterConfiguration configuration, Collection<BufferedRequestState<byte[]>> state,
            WriteTarget target) {
        super(converter, context, configuration, state);
        this.target = target;
        this.retryRounds = new RetryRounds(target.backoff());
        this.client = HttpClient.newBuilder()
                // Plain HTTP/1.1: h2c upgrade requests confuse some servers, and in-flight requests are few.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(target.requestTimeout())
                .build();
        this.retryTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "timeseries-retry-" + context.getTaskInfo().getIndexOfThisSubtask());
            t.setDaemon(true);
            return t;
        });
        this.pointsWritten = context.metricGroup().counter("timeseriesPointsWritten", new ThreadSafeSimpleCounter());
        this.pointsSkipped = context.metricGroup().counter("timeseriesPointsSkipped", new ThreadSafeSimpleCounter());
        this.retries = context.metricGroup().counter("timeseriesRetries", new ThreadSafeSimpleCounter());
    }

    @Override
    protected void submitRequestEntries(List<byte[]> lines, ResultHandler<byte[]> handler) {
        List<byte[]> points = new ArrayList<>(lines.size());
        for (byte[] line : lines) {
            if (line.length > 0) {
                points.add(line);
            }
        }
        pointsSkipped.inc(lines.size() - points.size());
        if (points.isEmpty()) {
            handler.complete();
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target.writeUri())
                .timeout(target.requestTimeout())
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(points)));
        if (!target.token().isEmpty()) {
            request.header("Authorization", "Token " + target.token());
        }
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .whenComplete((response, error) -> {
                    try {
                        onResult(points, handler, response, error);
                    } catch (RuntimeException e) {
                        handler.completeExceptionally(e);
                    }
                });
    }

    private void onResult(List<byte[]> points, ResultHandler<byte[]> handler, HttpResponse<byte[]> response,
            Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof IOException) {
                retryLater(points, handler, 0, "network error: " + cause);
            } else {
                handler.completeExceptionally(new TimeSeriesWriteException(
                        "time-series write to " + target.writeUri() + " failed: " + cause, cause));
            }
            return;
        }
        int status = response.statusCode();
        switch (Responses.classify(status)) {
            case WRITTEN:
                retryRounds.reset();
                failingSince.set(-1);
                pointsWritten.inc(points.size());
                handler.complete();
                break;
            case RETRY:
                retryLater(points, handler,
                        Responses.retryAfterMillis(response.headers().firstValue("Retry-After")),
                        Responses.describe(status, response.body(), target.writeUri().toString()));
                break;
            default:
                handler.completeExceptionally(new TimeSeriesWriteException("time-series store rejected a write of "
                        + points.size() + " points, not retried: "
                        + Responses.describe(status, response.body(), target.writeUri().toString())));
        }
    }

    private void retryLater(List<byte[]> points, ResultHandler<byte[]> handler, long retryAfterMillis,
            String failure) {
        long now = System.nanoTime();
        failingSince.compareAndSet(-1, now);
        long failingFor = now - failingSince.get();
        if (failingFor > target.retryTimeout().toNanos()) {
            handler.completeExceptionally(new TimeSeriesWriteException("time-series store has kept failing for "
                    + TimeUnit.NANOSECONDS.toSeconds(failingFor) + " s (retry timeout " + target.retryTimeout()
                    + "); last failure: " + failure));
            return;
        }
        Backoff backoff = target.backoff();
        long delay = Math.max(retryRounds.delayMillis(now, ThreadLocalRandom.current().nextDouble()),
                Math.min(retryAfterMillis, backoff.maxMillis()));
        retries.inc();
        retryTimer.schedule(() -> handler.retryForEntries(points), delay, TimeUnit.MILLISECONDS);
    }

    private static byte[] body(List<byte[]> points) {
        int size = 0;
        for (byte[] p : points) {
            size += p.length + 1;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        for (byte[] p : points) {
            out.write(p, 0, p.length);
            out.write('\n');
        }
        return out.toByteArray();
    }

    @Override
    protected long getSizeInBytes(byte[] line) {
        return line.length == 0 ? 0 : line.length + 1;
    }

    @Override
    public void close() {
        retryTimer.shutdownNow();
        // HttpClient's threads end once it is unreachable; its close() (Java 21) would wait for requests in flight.
        super.close();
    }
}
