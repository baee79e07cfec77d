package io.fleetstream.connectors.kinesis.source.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.connectors.kinesis.source.KplAggregates;
import io.fleetstream.connectors.kinesis.source.StartingPosition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** The fetcher against a scripted Kinesis: throttling, expired iterators, positions inside aggregates. */
class KinesisShardSplitReaderTest {
    static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/fake";
    static final String SHARD = "shardId-000000000000";
    private static final Instant T0 = Instant.parse("2025-11-20T10:00:00Z");

    /** Answers GetRecords from a script (responses or exceptions) and hands out numbered iterators. */
    static final class ScriptedKinesis extends ScriptedClient {
        final Deque<Object> answers = new ArrayDeque<>();
        final List<GetShardIteratorRequest> iteratorRequests = new ArrayList<>();
        final List<String> iteratorsUsed = new ArrayList<>();
        final List<Long> callTimes = new ArrayList<>();

        @Override
        public CompletableFuture<GetShardIteratorResponse> getShardIterator(GetShardIteratorRequest request) {
            iteratorRequests.add(request);
            return CompletableFuture.completedFuture(GetShardIteratorResponse.builder()
                    .shardIterator("iterator-" + iteratorRequests.size()).build());
        }

        @Override
        public CompletableFuture<GetRecordsResponse> getRecords(GetRecordsRequest request) {
            iteratorsUsed.add(request.shardIterator());
            callTimes.add(System.currentTimeMillis());
            Object answer = answers.poll();
            if (answer instanceof Throwable) {
                return CompletableFuture.failedFuture((Throwable) answer);
            }
            return CompletableFuture.completedFuture((GetRecordsResponse) answer);
        }
    }

    /** A Kinesis client that answers the calls a test scripts and has nothing to close. */
    abstract static class ScriptedClient implements KinesisAsyncClient {
        @Override
        public String serviceName() {
            return "kinesis";
        }

        @Override
        public void close() {}
    }

    private final ScriptedKinesis kinesis = new ScriptedKinesis();
    private final Map<String, ShardOutcome> outcomes = new ConcurrentHashMap<>();

    private KinesisShardSplitReader reader(KinesisShardSplit split) {
        SourceSettings settings = new SourceSettings(ARN, StartingPosition.trimHorizon(), null, 100, 1, 60_000,
                new Properties());
        KinesisShardSplitReader reader = new KinesisShardSplitReader(settings, kinesis, outcomes);
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(split)));
        return reader;
    }

    static Record record(String sequenceNumber, byte[] data) {
        return Record.builder().sequenceNumber(sequenceNumber).partitionKey("key").data(SdkBytes.fromByteArray(data))
                .approximateArrivalTimestamp(T0).build();
    }

    static Record record(String sequenceNumber) {
        return record(sequenceNumber, ("payload-" + sequenceNumber).getBytes(StandardCharsets.UTF_8));
    }

    private static GetRecordsResponse response(String next, Record... records) {
        return GetRecordsResponse.builder().records(records).nextShardIterator(next).millisBehindLatest(0L).build();
    }

    /** Every position fetched, {@code <sequence number>[.<sub>]}, and the finished splits, over n fetches. */
    static List<String> fetch(SplitReader<ShardRecord, KinesisShardSplit> reader, int n, List<String> finished)
            throws Exception {
        List<String> positions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RecordsWithSplitIds<ShardRecord> batch = reader.fetch();
            while (batch.nextSplit() != null) {
                ShardRecord r;
                while ((r = batch.nextRecordFromSplit()) != null) {
                    String p = r.record.sequenceNumber();
                    positions.add(r.record.isAggregated() ? p + "." + r.record.subSequenceNumber() : p);
                }
            }
            finished.addAll(batch.finishedSplits());
        }
        return positions;
    }

    @Test
    void backsOffWhenThrottledAndThenReadsOnWithTheSameIterator() throws Exception {
        kinesis.answers.add(ProvisionedThroughputExceededException.builder().message("slow down").build());
        kinesis.answers.add(LimitExceededException.builder().message("slow down").build());
        kinesis.answers.add(response("iterator-next", record("1"), record("2")));
        KinesisShardSplitReader reader = reader(KinesisShardSplit.fresh(SHARD, StartingPosition.trimHorizon()));

        List<String> read = fetch(reader, 3, new ArrayList<>());

        assertThat(read).containsExactly("1", "2");
        assertThat(kinesis.iteratorRequests).hasSize(1);
        assertThat(kinesis.iteratorsUsed).containsExactly("iterator-1", "iterator-1", "iterator-1");
        assertThat(kinesis.callTimes.get(1) - kinesis.callTimes.get(0)).as("first backoff")
                .isGreaterThanOrEqualTo(KinesisShardSplitReader.MIN_BACKOFF_MILLIS);
        assertThat(kinesis.callTimes.get(2) - kinesis.callTimes.get(1)).as("second backoff, doubled")
                .isGreaterThanOrEqualTo(2 * KinesisShardSplitReader.MIN_BACKOFF_MILLIS);
    }

    @Test
    void renewsAnExpiredIteratorAfterTheLastRecordFetched() throws Exception {
        kinesis.answers.add(response("iterator-stale", record("1"), record("2")));
        kinesis.answers.add(ExpiredIteratorException.builder().message("expired").build());
        kinesis.answers.add(response("iterator-next", record("3")));
        KinesisShardSplitReader reader = reader(KinesisShardSplit.fresh(SHARD, StartingPosition.trimHorizon()));

        List<String> read = fetch(reader, 3, new ArrayList<>());

        assertThat(read).containsExactly("1", "2", "3");
        assertThat(kinesis.iteratorsUsed).containsExactly("iterator-1", "iterator-stale", "iterator-2");
        assertThat(kinesis.iteratorRequests.get(0).shardIteratorType()).isEqualTo(ShardIteratorType.TRIM_HORIZON);
        assertIterator(1, ShardIteratorType.AFTER_SEQUENCE_NUMBER, "2");
    }

    @Test
    void aSplitRestoredAfterARecordResumesAfterItsSequenceNumber() throws Exception {
        kinesis.answers.add(response("iterator-next", record("8")));
        KinesisShardSplitReader reader = reader(new KinesisShardSplit(SHARD, StartingPosition.trimHorizon(), "7",
                KinesisShardSplit.WHOLE_RECORD, null));

        assertThat(fetch(reader, 1, new ArrayList<>())).containsExactly("8");
        assertIterator(0, ShardIteratorType.AFTER_SEQUENCE_NUMBER, "7");
    }

    @Test
    void aSplitRestoredInsideAnAggregateReadsItAgainPastTheSubRecordsEmitted() throws Exception {
        byte[] aggregate = KplAggregates.aggregate(List.of(entry("a"), entry("b"), entry("c"), entry("d")));
        kinesis.answers.add(response("iterator-next", record("7", aggregate), record("8")));
        KinesisShardSplitReader reader = reader(new KinesisShardSplit(SHARD, StartingPosition.trimHorizon(), "7", 1,
                null));

        assertThat(fetch(reader, 1, new ArrayList<>())).containsExactly("7.2", "7.3", "8");
        assertIterator(0, ShardIteratorType.AT_SEQUENCE_NUMBER, "7");
    }

    @Test
    void aClosedShardEndsItsSplitAsClosedSoItsChildrenCanBeRead() throws Exception {
        kinesis.answers.add(response("iterator-next", record("1")));
        kinesis.answers.add(response(null, record("2")));
        KinesisShardSplitReader reader = reader(KinesisShardSplit.fresh(SHARD, StartingPosition.trimHorizon()));
        List<String> finished = new ArrayList<>();

        assertThat(fetch(reader, 2, finished)).containsExactly("1", "2");
        assertThat(finished).containsExactly(SHARD);
        assertThat(outcomes).containsEntry(SHARD, ShardOutcome.CLOSED);
    }

    @Test
    void anOpenShardAtItsTipStaysAssignedWhenTheSourceIsUnbounded() throws Exception {
        kinesis.answers.add(response("iterator-2"));
        kinesis.answers.add(response("iterator-3"));
        KinesisShardSplitReader reader = reader(KinesisShardSplit.fresh(SHARD, StartingPosition.trimHorizon()));
        List<String> finished = new ArrayList<>();

        assertThat(fetch(reader, 2, finished)).isEmpty();
        assertThat(finished).isEmpty();
        assertThat(kinesis.iteratorsUsed).containsExactly("iterator-1", "iterator-2");
    }

    private void assertIterator(int request, ShardIteratorType type, String sequenceNumber) {
        assertThat(kinesis.iteratorRequests.get(request).shardIteratorType()).isEqualTo(type);
        assertThat(kinesis.iteratorRequests.get(request).startingSequenceNumber()).isEqualTo(sequenceNumber);
    }

    static Map.Entry<String, byte[]> entry(String payload) {
        return new SimpleEntry<>("key-" + payload, payload.getBytes(StandardCharsets.UTF_8));
    }
}
