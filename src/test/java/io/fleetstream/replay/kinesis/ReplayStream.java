package io.fleetstream.replay.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.RawRecord;
import io.fleetstream.testing.KinesisMockServer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** A stream in kinesis-mock that a test fills batch by batch, with the arrival times the server gave them. */
final class ReplayStream {
    /** Records put with one PutRecords call (or a few): payload, position as the source writes it, shard. */
    static final class Batch {
        final List<String> payloads = new ArrayList<>();
        final List<String> sources = new ArrayList<>();
        final List<String> shards = new ArrayList<>();
        final List<String> sequenceNumbers = new ArrayList<>();
    }

    final KinesisMockServer server;
    final String name;
    final String arn;

    ReplayStream(KinesisMockServer server, String name, int shards) throws InterruptedException {
        this.server = server;
        this.name = name;
        this.arn = server.createStream(name, shards);
    }

    /** Puts {@code n} records: {@code record.apply(i)} is "partitionKey|payload". */
    Batch put(int n, IntFunction<String> record) throws InterruptedException {
        List<Map.Entry<String, byte[]>> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String r = record.apply(i);
            entries.add(new SimpleEntry<>(r.substring(0, r.indexOf('|')), r.getBytes(StandardCharsets.UTF_8)));
        }
        List<PutRecordsResultEntry> results = server.put(arn, entries);
        Batch b = new Batch();
        for (int i = 0; i < n; i++) {
            PutRecordsResultEntry e = results.get(i);
            b.payloads.add(new String(entries.get(i).getValue(), StandardCharsets.UTF_8));
            b.sources.add("kinesis:" + name + "/" + e.shardId() + "@" + e.sequenceNumber());
            b.shards.add(e.shardId());
            b.sequenceNumbers.add(e.sequenceNumber());
        }
        // the next batch then arrives on a later millisecond
        Thread.sleep(20);
        return b;
    }

    /** Arrival time of every record in the stream by sequence number, as the server assigned it. */
    Map<String, Instant> arrivals() {
        Map<String, Instant> m = new HashMap<>();
        server.readAll(arn).forEach(r -> m.put(r.sequenceNumber(), r.approximateArrivalTimestamp()));
        return m;
    }

    /** An instant after every record of {@code before} and before every record of {@code after}. */
    static Instant between(Map<String, Instant> arrivals, Batch before, Batch after) {
        Instant last = before.sequenceNumbers.stream().map(arrivals::get).max(Instant::compareTo).orElseThrow();
        Instant first = after.sequenceNumbers.stream().map(arrivals::get).min(Instant::compareTo).orElseThrow();
        assertThat(first).as("arrival of the later batch").isAfter(last.plusMillis(1));
        return last.plusMillis(Duration.between(last, first).toMillis() / 2);
    }

    /** Splits a shard in two halves of its hash key range; returns the two children. */
    List<String> split(String shardId) throws InterruptedException {
        Shard s = shard(shardId);
        BigInteger mid = new BigInteger(s.hashKeyRange().startingHashKey())
                .add(new BigInteger(s.hashKeyRange().endingHashKey())).shiftRight(1).add(BigInteger.ONE);
        client().splitShard(b -> b.streamARN(arn).shardToSplit(shardId).newStartingHashKey(mid.toString()));
        awaitActive();
        return children(shardId);
    }

    /** Merges two adjacent shards; returns the child. */
    String merge(String shardId, String adjacentShardId) throws InterruptedException {
        client().mergeShards(b -> b.streamARN(arn).shardToMerge(shardId).adjacentShardToMerge(adjacentShardId));
        awaitActive();
        List<String> children = children(shardId);
        assertThat(children).hasSize(1);
        return children.get(0);
    }

    List<String> children(String parent) {
        return shards().stream().filter(s -> parent.equals(s.parentShardId())
                        || parent.equals(s.adjacentParentShardId()))
                .map(Shard::shardId).collect(Collectors.toList());
    }

    List<Shard> shards() {
        return client().listShards(b -> b.streamARN(arn)).shards();
    }

    private Shard shard(String shardId) {
        return shards().stream().filter(s -> s.shardId().equals(shardId)).findFirst().orElseThrow();
    }

    private void awaitActive() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (client().describeStreamSummary(b -> b.streamARN(arn)).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stream " + name + " not active again in 30 s");
            }
            Thread.sleep(50);
        }
    }

    private KinesisClient client() {
        return server.client();
    }

    KinesisReplaySource.Builder source(Instant from, Instant to) {
        return KinesisReplaySource.builder().streamArn(arn).from(from).to(to).clientProperties(server.clientProperties());
    }

    static String text(RawRecord r) {
        return new String(r.payload, StandardCharsets.UTF_8);
    }
}
