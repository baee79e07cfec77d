package io.fleetstream.sinks.dynamodb.internal;

import io.fleetstream.connectors.asyncsink.Outcomes;
import io.fleetstream.model.DeviceState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Writes batches of device states: the newest state per device in the batch, each as a conditional UpdateItem,
 * at most {@code maxInFlight} at once for the whole writer. A refused condition is success (the table already has
 * that state or a newer one). Throttled and transient failures go back to Flink's buffer after a backoff, through
 * {@link ResultHandler#retryForEntries}; anything else fails the job with a message naming the table.
 *
 * <p>At-least-once: Flink waits for the writer's batches before a checkpoint completes and keeps what is still
 * buffered in the checkpoint; the condition makes every repeated write harmless.
 */
public final class DeviceStateWriter extends AsyncSinkWriter<DeviceState, DeviceUpdate> {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceStateWriter.class);

    public static final String METRIC_WRITES = "dynamodb.writes";
    public static final String METRIC_STALE = "dynamodb.stale-writes-skipped";
    public static final String METRIC_COALESCED = "dynamodb.states-coalesced";
    public static final String METRIC_RETRIES = "dynamodb.retries";
    public static final String METRIC_SKIPPED = "dynamodb.states-skipped-invalid";
    public static final String METRIC_VALUES_DROPPED = "dynamodb.values-dropped";

    private final SinkSettings settings;
    private final DynamoDbClients clients;
    private final DynamoDbAsyncClient client;
    private final CallWindow window;
    private final Counter writes;
    private final Counter stale;
    private final Counter coalesced;
    private final Counter retries;
    private final Counter skipped;
    private final Counter valuesDropped;
    private final AtomicLong retryWarnings = new AtomicLong();
    /** Set when Flink closes the writer (end, cancel, failover): calls still completing then report nothing. */
    private volatile boolean closed;

    public DeviceStateWriter(ElementConverter<DeviceState, DeviceUpdate> converter, WriterInitContext context,
            AsyncSinkWriterConfiguration configuration, Collection<BufferedRequestState<DeviceUpdate>> restored,
            SinkSettings settings, Function<SinkSettings, DynamoDbClients> clients) {
        super(converter, context, configuration, restored);
        this.settings = settings;
        this.clients = clients.apply(settings);
        this.client = this.clients.client();
        this.window = new CallWindow(settings.maxInFlight);
        MetricGroup metrics = context.metricGroup();
        // Updated from the SDK's completion threads, so the thread-safe kind.
        this.writes = metrics.counter(METRIC_WRITES, new ThreadSafeSimpleCounter());
        this.stale = metrics.counter(METRIC_STALE, new ThreadSafeSimpleCounter());
        this.coalesced = metrics.counter(METRIC_COALESCED, new ThreadSafeSimpleCounter());
        this.retries = metrics.counter(METRIC_RETRIES, new ThreadSafeSimpleCounter());
        this.skipped = metrics.counter(METRIC_SKIPPED, new ThreadSafeSimpleCounter());
        this.valuesDropped = metrics.counter(METRIC_VALUES_DROPPED, new ThreadSafeSimpleCounter());
    }

    @Override
    public void write(DeviceState state, Context context) throws IOException, InterruptedException {
        String problem = DeviceUpdates.problem(state);
        if (problem != null) {
            skipped.inc();
            // Powers of two: the first few in full, then fewer and fewer lines for the same flood.
            if (Long.bitCount(skipped.getCount()) == 1) {
                LOG.warn("Skipped a device state for DynamoDB table '{}' ({} so far): {} (device {})",
                        settings.table, skipped.getCount(), problem, abbreviate(state.deviceId));
            }
            return;
        }
        int dropped = DeviceUpdates.unstorableValues(state);
        if (dropped > 0) {
            valuesDropped.inc(dropped);
        }
        super.write(state, context);
    }

    @Override
    protected void submitRequestEntries(List<DeviceUpdate> entries, ResultHandler<DeviceUpdate> result) {
        List<DeviceUpdate> updates = Coalescer.newestPerDevice(entries);
        coalesced.inc(entries.size() - updates.size());
        if (updates.isEmpty()) {
            result.complete();
            return;
        }
        Batch batch = new Batch(updates.size(), result);
        long now = System.currentTimeMillis();
        for (DeviceUpdate u : updates) {
            window.submit(() -> client.updateItem(UpdateRequests.build(settings.table, u, now)))
                    .whenComplete((response, error) -> batch.done(u, error));
        }
    }

    @Override
    protected long getSizeInBytes(DeviceUpdate entry) {
        return DeviceUpdates.sizeInBytes(entry);
    }

    @Override
    public void close() {
        closed = true;
        clients.close();
    }

    /** The outcome of one batch, gathered from the completion threads; the last call to finish reports it. */
    private final class Batch {
        private final AtomicInteger pending;
        private final ResultHandler<DeviceUpdate> result;
        private final Queue<DeviceUpdate> retry = new ConcurrentLinkedQueue<>();
        private final AtomicReference<Throwable> lastRetryError = new AtomicReference<>();
        private final AtomicReference<Exception> fatal = new AtomicReference<>();

        Batch(int size, ResultHandler<DeviceUpdate> result) {
            this.pending = new AtomicInteger(size);
            this.result = result;
        }

        void done(DeviceUpdate u, Throwable error) {
            if (error == null) {
                writes.inc();
            } else {
                switch (WriteErrors.classify(error)) {
                    case STALE:
                        stale.inc();
                        break;
                    case THROTTLED:
                        retryLater(u, error);
                        break;
                    case TRANSIENT:
                        if (u.failedAttempts + 1 >= Backoff.MAX_TRANSIENT_ATTEMPTS) {
                            fatal.compareAndSet(null, new DynamoDbWriteException(WriteErrors.describe(settings.table,
                                    settings.where(), error) + " (gave up after " + Backoff.MAX_TRANSIENT_ATTEMPTS
                                    + " attempts)", WriteErrors.unwrap(error)));
                        } else {
                            retryLater(u, error);
                        }
                        break;
                    default:
                        fatal.compareAndSet(null, new DynamoDbWriteException(
                                WriteErrors.describe(settings.table, settings.where(), error), WriteErrors.unwrap(error)));
                }
            }
            if (pending.decrementAndGet() == 0) {
                finish();
            }
        }

        private void retryLater(DeviceUpdate u, Throwable error) {
            u.failedAttempts++;
            lastRetryError.set(error);
            retry.add(u);
        }

        private void finish() {
            if (fatal.get() != null) {
                report(() -> result.completeExceptionally(fatal.get()));
                return;
            }
            if (retry.isEmpty()) {
                report(result::complete);
                return;
            }
            List<DeviceUpdate> again = new ArrayList<>(retry);
            int attempts = again.stream().mapToInt(u -> u.failedAttempts).max().orElse(1);
            long delay = Backoff.delayMillis(attempts);
            retries.inc(again.size());
            if (Long.bitCount(retryWarnings.incrementAndGet()) == 1) {
                Throwable e = WriteErrors.unwrap(lastRetryError.get());
                LOG.warn("Retrying {} states for DynamoDB table '{}' in {} ms (attempt {}): {}", again.size(),
                        settings.table, delay, attempts + 1, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            // The batch stays in flight while it waits, so the writer's bound and Flink's checkpoint see it.
            CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS)
                    .execute(() -> report(() -> result.retryForEntries(again)));
        }

        private void report(Runnable outcome) {
            Outcomes.report(closed, outcome, LOG, "DynamoDB table '" + settings.table + "'");
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
