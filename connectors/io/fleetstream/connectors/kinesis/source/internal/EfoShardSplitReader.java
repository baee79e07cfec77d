package io.fleetstream.connectors.kinesis.source.internal;

import io.fleetstream.connectors.aws.Backoff;
import io.fleetstream.connectors.aws.SdkErrors;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * Reads the reader's shards with enhanced fan-out: one SubscribeToShard subscription a shard, of the source's
 * stream consumer, each asked for one event at a time, the next only once the fetcher has taken the last (so a
 * slow pipeline slows the server down through HTTP/2 flow control, and at most one event a shard waits here).
 * A subscription lasts five minutes; the next one continues at the last event's continuation sequence number. A
 * failed or stalled one is tried again with backoff; a shard ends with the event that has no continuation, which
 * Kinesis sends once a closed shard is read to its end. Records go through {@link ShardPosition}, as the polling
 * reader's do.
 *
 * <p>Everything about a shard lives on the fetcher thread; the SDK's threads only put {@link Signal}s in a queue,
 * each stamped with the attempt it belongs to, so that one of a subscription given up is ignored.
 */
public final class EfoShardSplitReader implements SplitReader<ShardRecord, KinesisShardSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(EfoShardSplitReader.class);

    static final Backoff BACKOFF = new Backoff(KinesisShardSplitReader.MIN_BACKOFF_MILLIS,
            KinesisShardSplitReader.MAX_BACKOFF_MILLIS);
    /**
     * Network errors, server errors and timeouts in a row on one shard before the job fails: a subscription's
     * connection reset now and then is normal, a server out of reach for minutes is a failure to report.
     */
    static final int MAX_TRANSIENT_FAILURES = 10;
    /** The longest fetch() waits for a signal: it also starts due subscriptions and times out stalled ones. */
    private static final long MAX_WAIT_MILLIS = 500;

    private enum Kind { SUBSCRIBED, EVENT, FAILED, COMPLETED, WAKE_UP }

    private static final class Signal {
        final Kind kind;
        final Shard shard;
        final int attempt;
        final Subscription subscription;
        final SubscribeToShardEvent event;
        final Throwable error;

        Signal(Kind kind, Shard shard, int attempt, Subscription subscription, SubscribeToShardEvent event,
                Throwable error) {
            this.kind = kind;
            this.shard = shard;
            this.attempt = attempt;
            this.subscription = subscription;
            this.event = event;
            this.error = error;
        }
    }

    /** A shard and its current subscription attempt. */
    private static final class Shard {
        final ShardPosition position;
        /** Where the next subscription starts (after it); null until the first event. */
        String continuation;
        int attempt;
        boolean subscribing;
        long startedAt;
        Subscription subscription;
        CompletableFuture<Void> call;
        boolean requested;
        boolean eventThisAttempt;
        /** An event that came for a shard paused meanwhile, emitted once it is resumed. */
        SubscribeToShardEvent held;
        long notBefore;
        int failures;

        Shard(ShardPosition position) {
            this.position = position;
        }

        String id() {
            return position.shardId;
        }
    }

    private final SourceSettings settings;
    private final KinesisAsyncClient client;
    private final Map<String, ShardOutcome> outcomes;
    private final Map<String, Shard> shards = new LinkedHashMap<>();
    /** Changed by the task thread (watermark alignment) while fetch() runs. */
    private final Set<String> paused = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final long subscriptionTimeoutMillis;
    private String consumerArn;

    public EfoShardSplitReader(SourceSettings settings, KinesisAsyncClient client, Map<String, ShardOutcome> outcomes) {
        this.settings = settings;
        this.client = client;
        this.outcomes = outcomes;
        this.subscriptionTimeoutMillis = settings.efo.subscriptionTimeout().toMillis();
        this.consumerArn = settings.efo.consumerArn();
    }

    @Override
    public RecordsWithSplitIds<ShardRecord> fetch() throws IOException {
        RecordsBySplits.Builder<ShardRecord> out = new RecordsBySplits.Builder<>();
        if (shards.isEmpty()) {
            await(MAX_WAIT_MILLIS, out);
            return out.build();
        }
        if (consumerArn == null) {
            consumerArn = resolveConsumer();
        }
        long now = System.currentTimeMillis();
        long wait = MAX_WAIT_MILLIS;
        for (Shard s : new ArrayList<>(shards.values())) {
            if (paused.contains(s.id())) {
                continue;
            }
            if (s.held != null) {
                SubscribeToShardEvent held = s.held;
                s.held = null;
                emit(s, held, out);
                return out.build();
            }
            if (s.subscribing && s.subscription == null && now - s.startedAt >= subscriptionTimeoutMillis) {
                failed(s, new TimeoutException("no subscription to " + s.id() + " within "
                        + subscriptionTimeoutMillis + " ms"), now);
            }
            if (!s.subscribing && s.notBefore <= now) {
                subscribe(s, now);
            }
            if (s.subscription != null && !s.requested) {
                s.requested = true;
                s.subscription.request(1);
            }
            if (!s.subscribing) {
                wait = Math.min(wait, s.notBefore - now);
            } else if (s.subscription == null) {
                wait = Math.min(wait, s.startedAt + subscriptionTimeoutMillis - now);
            }
        }
        await(Math.max(1, wait), out);
        return out.build();
    }

    private void await(long millis, RecordsBySplits.Builder<ShardRecord> out) throws IOException {
        Signal signal;
        try {
            signal = signals.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for Kinesis subscriptions");
        }
        if (signal != null && signal.kind != Kind.WAKE_UP) {
            handle(signal, out);
        }
    }

    private void handle(Signal signal, RecordsBySplits.Builder<ShardRecord> out) throws IOException {
        Shard s = signal.shard;
        if (shards.get(s.id()) != s || signal.attempt != s.attempt || !s.subscribing) {
            // a subscription given up (timed out, failed, ended, or its shard finished): nothing of it was used
            if (signal.subscription != null) {
                signal.subscription.cancel();
            }
            return;
        }
        long now = System.currentTimeMillis();
        switch (signal.kind) {
            case SUBSCRIBED:
                s.subscription = signal.subscription;
                s.requested = false;
                break;
            case EVENT:
                s.requested = false;
                s.eventThisAttempt = true;
                s.failures = 0;
                if (paused.contains(s.id())) {
                    s.held = signal.event;
                } else {
                    emit(s, signal.event, out);
                }
                break;
            case COMPLETED:
                // the subscription's five minutes are over: the next one continues where it ended
                end(s);
                if (!s.eventThisAttempt) {
                    // ended without an event: not at once again, in case it keeps doing that
                    s.notBefore = now + BACKOFF.delayMillis(1);
                }
                break;
            case FAILED:
            default:
                failed(s, signal.error, now);
                break;
        }
    }

    private void emit(Shard s, SubscribeToShardEvent event, RecordsBySplits.Builder<ShardRecord> out) {
        for (Record r : event.records()) {
            s.position.read(r, out);
        }
        s.continuation = event.continuationSequenceNumber();
        if (s.continuation == null) {
            // the shard is closed and read to its end; its children (event.childShards()) come from the enumerator
            end(s);
            shards.remove(s.id());
            paused.remove(s.id());
            outcomes.put(s.id(), ShardOutcome.CLOSED);
            out.addFinishedSplit(s.id());
        }
    }

    private void failed(Shard s, Throwable error, long now) throws IOException {
        end(s);
        Throwable e = SdkErrors.unwrap(error);
        boolean busy = e instanceof ResourceInUseException || e instanceof LimitExceededException
                || SdkErrors.classify(e) == SdkErrors.Kind.THROTTLED;
        boolean transientError = e instanceof TimeoutException || SdkErrors.classify(e) == SdkErrors.Kind.TRANSIENT;
        s.failures++;
        if (!busy && !(transientError && s.failures <= MAX_TRANSIENT_FAILURES)) {
            throw new IOException("cannot read shard " + s.id() + " of " + settings.streamArn + " through stream "
                    + "consumer " + consumerArn + (transientError ? " (" + s.failures + " failures in a row)" : ""),
                    e);
        }
        long delay = BACKOFF.delayMillis(s.failures);
        // another subscription of the consumer still holds the shard (a reader before a failover), or throttling
        LOG.debug("Subscription to {} failed; trying again in {} ms", s.id(), delay, e);
        s.notBefore = now + delay;
    }

    /** Gives the current attempt up; its signals still to come are stale. */
    private void end(Shard s) {
        if (s.subscription != null) {
            s.subscription.cancel();
        }
        if (s.call != null) {
            s.call.cancel(false);
        }
        s.subscription = null;
        s.call = null;
        s.subscribing = false;
        s.requested = false;
        s.attempt++;
    }

    private void subscribe(Shard s, long now) {
        s.subscribing = true;
        s.startedAt = now;
        s.eventThisAttempt = false;
        int attempt = s.attempt;
        StartingPosition start = s.continuation != null
                ? StartingPosition.builder().type(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                        .sequenceNumber(s.continuation).build()
                : StartingPosition.builder().type(s.position.resumeType())
                        .sequenceNumber(s.position.resumeSequenceNumber())
                        .timestamp(s.position.resumeTimestamp()).build();
        EventSubscriber subscriber = new EventSubscriber(s, attempt);
        SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
                .subscriber(() -> subscriber)
                .onError(subscriber::onError)
                .build();
        s.call = client.subscribeToShard(SubscribeToShardRequest.builder().consumerARN(consumerArn)
                .shardId(s.id()).startingPosition(start).build(), handler);
        s.call.whenComplete((ok, error) -> {
            if (error != null) {
                subscriber.onError(error);
            } else {
                subscriber.onComplete();
            }
        });
    }

    /** One attempt's events and end, as signals for the fetcher thread. */
    private final class EventSubscriber implements Subscriber<SubscribeToShardEventStream> {
        private final Shard shard;
        private final int attempt;
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile Subscription subscription;

        EventSubscriber(Shard shard, int attempt) {
            this.shard = shard;
            this.attempt = attempt;
        }

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            signals.add(new Signal(Kind.SUBSCRIBED, shard, attempt, s, null, null));
        }

        @Override
        public void onNext(SubscribeToShardEventStream item) {
            if (item instanceof SubscribeToShardEvent) {
                signals.add(new Signal(Kind.EVENT, shard, attempt, null, (SubscribeToShardEvent) item, null));
            } else {
                // an event type this SDK does not know: not what the fetcher asked for
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            if (ended.compareAndSet(false, true)) {
                signals.add(new Signal(Kind.FAILED, shard, attempt, null, null, t));
            }
        }

        @Override
        public void onComplete() {
            if (ended.compareAndSet(false, true)) {
                signals.add(new Signal(Kind.COMPLETED, shard, attempt, null, null, null));
            }
        }
    }

    private String resolveConsumer() throws IOException {
        try {
            return new StreamConsumers(client, settings.streamArn, settings.efo).awaitActive();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot read " + settings.streamArn + " with " + settings.efo, e);
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<KinesisShardSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("unsupported split change " + change);
        }
        for (KinesisShardSplit split : change.splits()) {
            shards.put(split.shardId(), new Shard(new ShardPosition(split, settings.start)));
        }
    }

    @Override
    public void pauseOrResumeSplits(Collection<KinesisShardSplit> toPause, Collection<KinesisShardSplit> toResume) {
        toPause.forEach(s -> paused.add(s.shardId()));
        toResume.forEach(s -> paused.remove(s.shardId()));
        wakeUp();
    }

    @Override
    public void wakeUp() {
        signals.add(new Signal(Kind.WAKE_UP, null, 0, null, null, null));
    }

    @Override
    public void close() {
        for (Shard s : shards.values()) {
            end(s);
        }
        shards.clear();
    }
}
