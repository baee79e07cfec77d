package io.fleetstream.connectors.kinesis.source.internal;

import static io.fleetstream.connectors.kinesis.source.internal.KinesisShardSplitReaderTest.ARN;
import static io.fleetstream.connectors.kinesis.source.internal.KinesisShardSplitReaderTest.SHARD;
import static io.fleetstream.connectors.kinesis.source.internal.KinesisShardSplitReaderTest.entry;
import static io.fleetstream.connectors.kinesis.source.internal.KinesisShardSplitReaderTest.fetch;
import static io.fleetstream.connectors.kinesis.source.internal.KinesisShardSplitReaderTest.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.connectors.kinesis.source.EnhancedFanOut;
import io.fleetstream.connectors.kinesis.source.KplAggregates;
import io.fleetstream.connectors.kinesis.source.StartingPosition;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponse;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * The enhanced fan-out fetcher against scripted subscriptions, for what kinesis-mock never does: end a closed
 * shard's subscription, end one after its five minutes, refuse or throttle one, or never establish one.
 */
class EfoShardSplitReaderTest {
    private static final String CONSUMER = ARN + "/consumer/fleet:1763633730";

    /** One scripted subscription: its events, given as asked for, then the end of the subscription or none. */
    static final class Stream implements SdkPublisher<SubscribeToShardEventStream> {
        final List<SubscribeToShardEvent> events;
        final boolean completes;
        CompletableFuture<Void> call;
        int next;
        long demand;
        long mostDemand;

        Stream(boolean completes, SubscribeToShardEvent... events) {
            this.completes = completes;
            this.events = List.of(events);
        }

        @Override
        public void subscribe(Subscriber<? super SubscribeToShardEventStream> s) {
            s.onSubscribe(new Subscription() {
                @Override
                public synchronized void request(long n) {
                    demand += n;
                    mostDemand = Math.max(mostDemand, demand);
                    while (demand > 0 && next < events.size()) {
                        demand--;
                        s.onNext(events.get(next++));
                    }
                    if (next == events.size() && completes && !call.isDone()) {
                        s.onComplete();
                        call.complete(null);
                    }
                }

                @Override
                public void cancel() {}
            });
        }
    }

    /** Answers each SubscribeToShard with the next of its script: a Stream, an exception, or (null) silence. */
    static final class ScriptedSubscriptions extends KinesisShardSplitReaderTest.ScriptedClient {
        final Deque<Object> script = new ArrayDeque<>();
        final List<SubscribeToShardRequest> requests = new ArrayList<>();
        final List<Long> callTimes = new ArrayList<>();

        @Override
        public CompletableFuture<Void> subscribeToShard(SubscribeToShardRequest request,
                SubscribeToShardResponseHandler handler) {
            requests.add(request);
            callTimes.add(System.currentTimeMillis());
            CompletableFuture<Void> call = new CompletableFuture<>();
            Object answer = script.poll();
            if (answer instanceof Throwable) {
                handler.exceptionOccurred((Throwable) answer);
                call.completeExceptionally((Throwable) answer);
            } else if (answer instanceof Stream) {
                ((Stream) answer).call = call;
                handler.responseReceived(SubscribeToShardResponse.builder().build());
                handler.onEventStream((Stream) answer);
            }
            return call;
        }
    }

    private final ScriptedSubscriptions kinesis = new ScriptedSubscriptions();
    private final Map<String, ShardOutcome> outcomes = new ConcurrentHashMap<>();

    private EfoShardSplitReader reader(KinesisShardSplit split, Duration subscriptionTimeout) {
        SourceSettings settings = new SourceSettings(ARN, StartingPosition.trimHorizon(), null, 100, 1, 60_000,
                EnhancedFanOut.consumerArn(CONSUMER).subscriptionTimeout(subscriptionTimeout), new Properties());
        EfoShardSplitReader reader = new EfoShardSplitReader(settings, kinesis, outcomes);
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(split)));
        return reader;
    }

    private EfoShardSplitReader reader(KinesisShardSplit split) {
        return reader(split, Duration.ofSeconds(60));
    }

    private static SubscribeToShardEvent event(String continuation, Record... records) {
        SubscribeToShardEvent.Builder b = SubscribeToShardEvent.builder().records(records)
                .continuationSequenceNumber(continuation).millisBehindLatest(0L);
        if (continuation == null) {
            b.childShards(ChildShard.builder().shardId("shardId-000000000001").parentShards(SHARD).build());
        }
        return b.build();
    }

    /** Fetches until {@code n} records are read or the split is finished, at most 50 times. */
    private static List<String> read(EfoShardSplitReader reader, int n, List<String> finished) throws Exception {
        List<String> read = new ArrayList<>();
        for (int i = 0; i < 50 && read.size() < n && finished.isEmpty(); i++) {
            read.addAll(fetch(reader, 1, finished));
        }
        return read;
    }

    private void assertStart(int request, ShardIteratorType type, String sequenceNumber) {
        assertThat(kinesis.requests.get(request).consumerARN()).isEqualTo(CONSUMER);
        assertThat(kinesis.requests.get(request).startingPosition().type()).isEqualTo(type);
        assertThat(kinesis.requests.get(request).startingPosition().sequenceNumber()).isEqualTo(sequenceNumber);
    }

    @Test
    void asksForOneEventAtATimeAndEndsTheShardAsClosedWithTheEventThatHasNoContinuation() throws Exception {
        Stream stream = new Stream(false, event("2", record("1"), record("2")), event("3", record("3")),
                event(null, record("4")));
        kinesis.script.add(stream);
        EfoShardSplitReader reader = reader(KinesisShardSplit.fresh(SHARD, StartingPosition.trimHorizon()));
        List<String> finished = new ArrayList<>();

        assertThat(read(reader, 4, finished)).containsExactly("1", "2", "3", "4");
        assertThat(finished).containsExactly(SHARD);
        assertThat(outcomes).containsEntry(SHARD, ShardOutcome.CLOSED);
        assertThat(stream.mostDemand).as("events asked for at once").isEqualTo(1);
        assertStart(0, ShardIteratorType.TRIM_HORIZON, null);
        assertThat(kinesis.requests).hasSize(1);
    }

    @Test
    void aSubscriptionThatEndsIsRenewedAfterItsLastContinuationSequenceNumber() throws Exception {
        kinesis.script.add(new Stream(true, event("2", record("1"), record("2")), event("5")));
        kinesis.script.add(new Stream(false, event("6", record("6"))));
        EfoShardSplitReader reader = reader(KinesisShardSplit.fresh(SHARD, StartingPosition.trimHorizon()));

        assertThat(read(reader, 3, new ArrayList<>())).containsExactly("1", "2", "6");
        assertThat(kinesis.requests).hasSize(2);
        assertStart(1, ShardIteratorType.AFTER_SEQUENCE_NUMBER, "5");
    }

    @Test
    void aSplitRestoredInsideAnAggregateSubscribesAtItsRecordAndSkipsTheSubRecordsEmitted() throws Exception {
        byte[] aggregate = KplAggregates.aggregate(List.of(entry("a"), entry("b"), entry("c"), entry("d")));
        kinesis.script.add(new Stream(false, event("8", record("7", aggregate), record("8"))));
        EfoShardSplitReader reader = reader(new KinesisShardSplit(SHARD, StartingPosition.trimHorizon(), "7", 1,
                null));

        assertThat(read(reader, 3, new ArrayList<>())).containsExactly("7.2", "7.3", "8");
        assertStart(0, ShardIteratorType.AT_SEQUENCE_NUMBER, "7");
    }

    @Test
    void aShardStillHeldOrThrottledIsSubscribedAgainAfterABackoffFromTheSamePosition() throws Exception {
        kinesis.script.add(ResourceInUseException.builder().message("Another active subscription exists").build());
        kinesis.script.add(LimitExceededException.builder().message("slow down").build());
        kinesis.script.add(new Stream(false, event("4", record("4"))));
        EfoShardSplitReader reader = reader(new KinesisShardSplit(SHARD, StartingPosition.trimHorizon(), "3",
                KinesisShardSplit.WHOLE_RECORD, null));

        assertThat(read(reader, 1, new ArrayList<>())).containsExactly("4");
        assertThat(kinesis.requests).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertStart(i, ShardIteratorType.AFTER_SEQUENCE_NUMBER, "3");
        }
        assertThat(kinesis.callTimes.get(1) - kinesis.callTimes.get(0)).as("first backoff")
                .isGreaterThanOrEqualTo(KinesisShardSplitReader.MIN_BACKOFF_MILLIS / 2);
        assertThat(kinesis.callTimes.get(2) - kinesis.callTimes.get(1)).as("second backoff")
                .isGreaterThanOrEqualTo(KinesisShardSplitReader.MIN_BACKOFF_MILLIS);
    }

    @Test
    void aSubscriptionNotEstablishedWithinTheTimeoutIsGivenUpAndTriedAgain() throws Exception {
        kinesis.script.add(new Object());
        kinesis.script.add(new Stream(false, event("1", record("1"))));
        EfoShardSplitReader reader = reader(KinesisShardSplit.fresh(SHARD, StartingPosition.trimHorizon()),
                Duration.ofMillis(300));

        assertThat(read(reader, 1, new ArrayList<>())).containsExactly("1");
        assertThat(kinesis.requests).hasSize(2);
        assertThat(kinesis.callTimes.get(1) - kinesis.callTimes.get(0)).isGreaterThanOrEqualTo(300);
    }

    @Test
    void aSubscriptionRefusedForGoodFailsTheReadNamingShardAndConsumer() {
        kinesis.script.add(KinesisException.builder().statusCode(403).message("not authorized").build());
        EfoShardSplitReader reader = reader(KinesisShardSplit.fresh(SHARD, StartingPosition.trimHorizon()));

        assertThatThrownBy(() -> read(reader, 1, new ArrayList<>())).isInstanceOf(IOException.class)
                .hasMessage("cannot read shard " + SHARD + " of " + ARN + " through stream consumer " + CONSUMER);
        assertThat(kinesis.requests).hasSize(1);
    }

    @Test
    void aPausedShardAsksForNoEventUntilItIsResumed() throws Exception {
        Stream stream = new Stream(false, event("1", record("1")), event("2", record("2")), event("3", record("3")));
        kinesis.script.add(stream);
        KinesisShardSplit split = KinesisShardSplit.fresh(SHARD, StartingPosition.trimHorizon());
        EfoShardSplitReader reader = reader(split);
        assertThat(read(reader, 1, new ArrayList<>())).containsExactly("1");

        reader.pauseOrResumeSplits(List.of(split), List.of());
        assertThat(fetch(reader, 5, new ArrayList<>())).as("read while paused").isEmpty();
        assertThat(stream.next).as("events given out").isEqualTo(1);
        assertThat(stream.demand).as("events asked for while paused").isZero();

        reader.pauseOrResumeSplits(List.of(), List.of(split));
        assertThat(read(reader, 2, new ArrayList<>())).containsExactly("2", "3");
    }
}
