package io.fleetstream.connectors.kinesis.source;

import static io.fleetstream.testing.TestEnvironments.env;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.testing.KinesisMock;
import io.fleetstream.testing.KinesisMockServer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** The unbounded source in MiniCluster jobs against kinesis-mock: a reshard mid-run, a restore, KPL aggregates. */
class KinesisSourceTest {
    @RegisterExtension
    static final KinesisMock KINESIS = new KinesisMock();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** What the tests' source emits for each user record: {@code <shard>@<sequence>[.<sub>]|<key>|<payload>}. */
    static final class Lines implements KinesisDeserializer<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(KinesisRecord record, Collector<String> out) {
            out.collect(record.position() + "|" + record.partitionKey() + "|"
                    + new String(record.data(), StandardCharsets.UTF_8));
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }

    static String position(String line) {
        return line.substring(0, line.indexOf('|'));
    }

    static String payload(String line) {
        return line.substring(line.lastIndexOf('|') + 1);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void picksUpTheChildrenOfASplitMidRunAndReadsTheParentToItsEndBeforeThem() throws Exception {
        KinesisMockServer server = KINESIS.server();
        String arn = server.createStream("source-reshard", 1);
        int keys = 12;
        List<PutRecordsResultEntry> before = server.put(arn, records(60, i -> "key-" + i % keys,
                i -> "key-" + i % keys + "-" + i / keys));
        assertThat(before).extracting(PutRecordsResultEntry::shardId).containsOnly("shardId-000000000000");

        // three records a poll, five polls a second: the parent takes four seconds, its children appear at once
        KinesisSource<String> source = source(arn).maxRecordsPerPoll(3)
                .shardDiscoveryInterval(Duration.ofMillis(200)).build();
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
        List<String> read = new ArrayList<>();
        try (CloseableIterator<String> it = run(source, env(2, false), s -> s)) {
            read.add(it.next());
            List<String> children = split(server, arn, "shardId-000000000000");
            List<PutRecordsResultEntry> after = server.put(arn, records(60, i -> "key-" + i % keys,
                    i -> "key-" + i % keys + "-" + (5 + i / keys)));
            assertThat(after).extracting(PutRecordsResultEntry::shardId).hasSameElementsAs(children);
            while (read.size() < 120) {
                read.add(it.next());
            }
        }

        assertThat(read).extracting(KinesisSourceTest::position).doesNotHaveDuplicates();
        int lastOfParent = lastIndex(read, l -> l.startsWith("shardId-000000000000@"));
        int firstOfChild = firstIndex(read, l -> !l.startsWith("shardId-000000000000@"));
        assertThat(lastOfParent).as("last record of the parent read before the first of a child")
                .isLessThan(firstOfChild);
        Map<String, List<Integer>> orderPerKey = new LinkedHashMap<>();
        for (String line : read) {
            String[] p = payload(line).split("-");
            orderPerKey.computeIfAbsent(p[1], k -> new ArrayList<>()).add(Integer.parseInt(p[2]));
        }
        assertThat(orderPerKey).hasSize(keys).allSatisfy((key, order) ->
                assertThat(order).as("records of key %s in the order read", key)
                        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
    }

    /** Whether {@link FailOnceAfterACheckpointInsideAnAggregate} has failed its job. */
    static final AtomicBoolean FAILED = new AtomicBoolean();

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void deliversEveryRecordAndSubRecordExactlyOnceAcrossARestoreFromACheckpointInsideAnAggregate()
            throws Exception {
        assertExactlyOnceAcrossARestoreInsideAnAggregate("source-restore", b -> b);
    }

    /**
     * Two shards of aggregates and plain records, read by a job that fails once right after a checkpoint taken
     * inside an aggregate and restores from it: every user record comes out once. {@code reader} picks how the
     * source reads.
     */
    static void assertExactlyOnceAcrossARestoreInsideAnAggregate(String stream,
            UnaryOperator<KinesisSource.Builder<String>> reader) throws Exception {
        KinesisMockServer server = KINESIS.server();
        String arn = server.createStream(stream, 2);
        List<Map.Entry<String, byte[]>> records = new ArrayList<>();
        Set<String> expectedPayloads = new HashSet<>();
        for (int a = 0; a < 24; a++) {
            List<Map.Entry<String, byte[]>> subRecords = new ArrayList<>();
            for (int s = 0; s < 10; s++) {
                String payload = "agg-" + a + "-" + s + "-of-10";
                expectedPayloads.add(payload);
                subRecords.add(entry("device-" + s, payload));
            }
            records.add(new SimpleEntry<>("aggregate-" + a, KplAggregates.aggregate(subRecords)));
            String plain = "plain-" + a;
            expectedPayloads.add(plain);
            records.add(entry("device-" + a, plain));
        }
        server.put(arn, records);
        FAILED.set(false);

        List<String> read = new ArrayList<>();
        // The map is chained to the source: checkpoints land between two sub-records of an aggregate.
        try (CloseableIterator<String> it = run(reader.apply(source(arn)).build(), env(2, true),
                s -> s.map(new FailOnceAfterACheckpointInsideAnAggregate()).returns(Types.STRING))) {
            while (read.stream().map(KinesisSourceTest::position).distinct().count() < expectedPayloads.size()) {
                read.add(it.next());
            }
        }

        assertThat(FAILED).as("the job failed once, after a checkpoint inside an aggregate").isTrue();
        Map<String, Long> countPerPosition = read.stream()
                .collect(Collectors.groupingBy(KinesisSourceTest::position, Collectors.counting()));
        assertThat(countPerPosition).hasSize(expectedPayloads.size()).allSatisfy((position, count) ->
                assertThat(count).as("records delivered at %s", position).isEqualTo(1L));
        assertThat(read).extracting(KinesisSourceTest::payload).containsExactlyInAnyOrderElementsOf(expectedPayloads);
        assertThat(read).filteredOn(l -> payload(l).startsWith("agg-"))
                .allSatisfy(l -> assertThat(position(l)).matches("shardId-\\d+@\\d+\\.\\d"))
                .allSatisfy(l -> assertThat(l.split("\\|")[1]).isEqualTo("device-" + payload(l).split("-")[2]));
    }

    /**
     * Fails its job once, at the first record after a completed checkpoint whose barrier came between two
     * sub-records of one aggregate: the restored split must resume inside it. Slow enough (5 ms a record) for
     * checkpoints to complete while the shards are read.
     */
    static final class FailOnceAfterACheckpointInsideAnAggregate extends RichMapFunction<String, String>
            implements CheckpointedFunction, CheckpointListener {
        private String last;
        private boolean insideAtSnapshot;
        private boolean armed;

        @Override
        public String map(String line) throws Exception {
            Thread.sleep(5);
            if (armed && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure");
            }
            last = line;
            return line;
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) {
            insideAtSnapshot = last != null && payload(last).startsWith("agg-") && !payload(last).endsWith("-9-of-10");
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {}

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            armed |= insideAtSnapshot;
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void boundedAtTheStreamsEndItDeaggregatesKplRecordsAndPassesOnOneWhoseChecksumIsWrong() throws Exception {
        KinesisMockServer server = KINESIS.server();
        String arn = server.createStream("source-aggregates", 1);
        byte[] aggregate = KplAggregates.aggregate(List.of(entry("device-1", "a"), entry("device-2", "b"),
                entry("device-1", "c")));
        byte[] corrupt = KplAggregates.aggregate(List.of(entry("device-3", "x")));
        corrupt[corrupt.length - 1] ^= 1;
        List<PutRecordsResultEntry> put = server.put(arn, List.of(entry("device-0", "plain"),
                new SimpleEntry<>("outer-1", aggregate), new SimpleEntry<>("outer-2", corrupt)));
        String shard = put.get(0).shardId();

        KinesisSource<String> source = source(arn).stopAtStreamEnd().build();
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        List<String> read = new ArrayList<>();
        // the source ends by itself once every shard is read to its end as it was when the source was built
        try (CloseableIterator<String> it = run(source, env(1, false), s -> s)) {
            it.forEachRemaining(read::add);
        }

        String agg = shard + "@" + put.get(1).sequenceNumber();
        assertThat(read.subList(0, 4)).containsExactly(shard + "@" + put.get(0).sequenceNumber() + "|device-0|plain",
                agg + ".0|device-1|a", agg + ".1|device-2|b", agg + ".2|device-1|c");
        assertThat(read).hasSize(5);
        assertThat(read.get(4)).startsWith(shard + "@" + put.get(2).sequenceNumber() + "|outer-2|");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void eachShardHasItsOwnWatermarkSoAnIdleShardHoldsItBackUntilTheStrategyMarksItIdle() throws Exception {
        List<String> held = watermarkRun("source-watermarks-held", null);
        assertThat(held.indexOf("timer")).as("first timer after the idle shard's first record")
                .isGreaterThan(firstIndex(held, l -> l.startsWith("shardId-000000000001@")));

        List<String> released = watermarkRun("source-watermarks-idle", Duration.ofMillis(500));
        assertThat(released).as("the timer fires while the other shard has no record").contains("timer")
                .noneMatch(l -> l.startsWith("shardId-000000000001@"));
    }

    /**
     * Reads a two-shard stream, one reader for both, with records in shard 0 only; a keyed function passes records
     * on and sets an event-time timer at each record's arrival time (its Flink timestamp) less one, which fires
     * once the watermark is there. Without idleness, it puts a record in shard 1 three seconds on.
     */
    private static List<String> watermarkRun(String stream, Duration idleness) throws Exception {
        KinesisMockServer server = KINESIS.server();
        String arn = server.createStream(stream, 2);
        List<String> shards = putWithHashKey(server, arn, "0", 5);
        assertThat(shards).containsOnly("shardId-000000000000");
        WatermarkStrategy<String> strategy = WatermarkStrategy.forMonotonousTimestamps();
        if (idleness != null) {
            strategy = strategy.withIdleness(idleness);
        }
        StreamExecutionEnvironment env = env(1, false);
        DataStream<String> out = env.fromSource(source(arn).build(), strategy, "kinesis").uid("kinesis")
                .keyBy(l -> 0, Types.INT).process(new TimerAtEachRecord()).returns(Types.STRING);
        List<String> read = new ArrayList<>();
        try (CloseableIterator<String> it = out.executeAndCollect("kinesis-watermarks")) {
            while (read.size() < 5) {
                read.add(it.next());
            }
            if (idleness == null) {
                Thread.sleep(3000);
                assertThat(putWithHashKey(server, arn, MAX_HASH_KEY, 1)).containsOnly("shardId-000000000001");
            }
            while (!read.contains("timer")) {
                read.add(it.next());
            }
        }
        return read;
    }

    private static final String MAX_HASH_KEY = BigInteger.TWO.pow(128).subtract(BigInteger.ONE).toString();

    private static List<String> putWithHashKey(KinesisMockServer server, String arn, String hashKey, int n) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(PutRecordsRequestEntry.builder().partitionKey("key-" + i).explicitHashKey(hashKey)
                    .data(SdkBytes.fromUtf8String("record-" + i)).build());
        }
        PutRecordsResponse r = server.client().putRecords(b -> b.streamARN(arn).records(entries));
        assertThat(r.failedRecordCount()).isZero();
        return r.records().stream().map(PutRecordsResultEntry::shardId).collect(Collectors.toList());
    }

    static final class TimerAtEachRecord extends KeyedProcessFunction<Integer, String, String> {
        @Override
        public void processElement(String line, Context ctx, Collector<String> out) {
            ctx.timerService().registerEventTimeTimer(ctx.timestamp() - 1);
            out.collect(line);
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) {
            out.collect("timer");
        }
    }

    static KinesisSource.Builder<String> source(String arn) {
        return KinesisSource.<String>builder().streamArn(arn).clientProperties(KINESIS.server().clientProperties())
                .deserializer(new Lines());
    }


    /** Starts the job; closing the iterator cancels it. */
    static CloseableIterator<String> run(KinesisSource<String> source, StreamExecutionEnvironment env,
            UnaryOperator<DataStream<String>> then) throws Exception {
        DataStream<String> s = env.fromSource(source, WatermarkStrategy.noWatermarks(), "kinesis").uid("kinesis");
        return then.apply(s).executeAndCollect("kinesis-source-test");
    }

    static List<Map.Entry<String, byte[]>> records(int n, IntFunction<String> key,
            IntFunction<String> payload) {
        List<Map.Entry<String, byte[]>> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(entry(key.apply(i), payload.apply(i)));
        }
        return list;
    }

    static Map.Entry<String, byte[]> entry(String key, String payload) {
        return new SimpleEntry<>(key, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static int lastIndex(List<String> lines, Predicate<String> p) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (p.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int firstIndex(List<String> lines, Predicate<String> p) {
        for (int i = 0; i < lines.size(); i++) {
            if (p.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Splits a shard in two halves of its hash key range; returns the children once the stream is active. */
    private static List<String> split(KinesisMockServer server, String arn, String shardId) throws Exception {
        KinesisClient client = server.client();
        Shard s = client.listShards(b -> b.streamARN(arn)).shards().stream()
                .filter(x -> x.shardId().equals(shardId)).findFirst().orElseThrow();
        BigInteger mid = new BigInteger(s.hashKeyRange().startingHashKey())
                .add(new BigInteger(s.hashKeyRange().endingHashKey())).shiftRight(1).add(BigInteger.ONE);
        client.splitShard(b -> b.streamARN(arn).shardToSplit(shardId).newStartingHashKey(mid.toString()));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (client.describeStreamSummary(b -> b.streamARN(arn)).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            assertThat(System.nanoTime()).as("stream active again within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
        return client.listShards(b -> b.streamARN(arn)).shards().stream()
                .filter(x -> shardId.equals(x.parentShardId())).map(Shard::shardId).collect(Collectors.toList());
    }
}
