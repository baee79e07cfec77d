package io.fleetstream.replay.kinesis;

import static io.fleetstream.replay.kinesis.ReplayStream.between;
import static io.fleetstream.replay.kinesis.ReplayStream.text;
import static io.fleetstream.testing.TestEnvironments.env;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.connectors.kinesis.source.KinesisSource;
import io.fleetstream.model.RawRecord;
import io.fleetstream.replay.kinesis.ReplayStream.Batch;
import io.fleetstream.testing.KinesisMock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bounded replay source in MiniCluster jobs against kinesis-mock: the window, reshards, and a restore. */
class KinesisReplaySourceTest {
    @RegisterExtension
    static final KinesisMock KINESIS = new KinesisMock();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void readsEveryRecordThatArrivedInTheWindowOnceAndFinishesByItself() throws Exception {
        ReplayStream stream = new ReplayStream(KINESIS.server(), "replay-window", 4);
        Batch before = stream.put(40, i -> "device-" + i + "|before-" + i);
        Batch inside = stream.put(120, i -> "device-" + (i % 40) + "|inside-" + i);
        assertThat(new HashSet<>(inside.shards)).as("shards with records in the window").hasSize(4);
        // Three shards end at a record past the window; the last one, with nothing after it, at its tip.
        String last = "shardId-000000000003";
        List<String> keysOfOtherShards = IntStream.range(0, 40).filter(i -> !inside.shards.get(i).equals(last))
                .mapToObj(i -> "device-" + i).collect(Collectors.toList());
        Batch after = stream.put(keysOfOtherShards.size(), i -> keysOfOtherShards.get(i) + "|after-" + i);
        assertThat(after.shards).doesNotContain(last);
        Map<String, Instant> arrivals = stream.arrivals();

        KinesisSource<RawRecord> source = stream.source(between(arrivals, before, inside), between(arrivals, inside, after))
                .build();
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        // returns only when the job has finished
        List<RawRecord> read = collect(source, env(2, false), s -> s);

        assertThat(read).extracting(r -> r.source).containsExactlyInAnyOrderElementsOf(inside.sources);
        Map<String, String> payloadAt = zip(inside.sources, inside.payloads);
        assertThat(read).allSatisfy(r -> {
            assertThat(text(r)).isEqualTo(payloadAt.get(r.source));
            assertThat(r.ingestTime).isEqualTo(arrivals.get(r.source.substring(r.source.indexOf('@') + 1))
                    .toEpochMilli());
        });
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void readsParentShardsBeforeTheirChildrenSoEveryKeyKeepsItsOrderAcrossASplitAndAMerge() throws Exception {
        ReplayStream stream = new ReplayStream(KINESIS.server(), "replay-reshard", 2);
        int keys = 24;
        Batch before = stream.put(keys, i -> "key-" + i + "|key-" + i + "|0");
        Batch inside1 = stream.put(2 * keys, i -> "key-" + i % keys + "|key-" + i % keys + "|" + (1 + i / keys));
        List<String> halves = stream.split("shardId-000000000000");
        Batch inside2 = stream.put(2 * keys, i -> "key-" + i % keys + "|key-" + i % keys + "|" + (3 + i / keys));
        String merged = stream.merge(halves.get(0), halves.get(1));
        Batch inside3 = stream.put(2 * keys, i -> "key-" + i % keys + "|key-" + i % keys + "|" + (5 + i / keys));
        Batch after = stream.put(keys, i -> "key-" + i + "|key-" + i + "|7");
        // a reshard after the window: shard 1 outlived it, so its children are not read
        List<String> late = stream.split("shardId-000000000001");
        Batch afterLateSplit = stream.put(keys, i -> "key-" + i + "|key-" + i + "|8");
        assertThat(inside1.shards).containsOnly("shardId-000000000000", "shardId-000000000001");
        assertThat(inside2.shards).contains(halves.get(0), halves.get(1)).doesNotContain("shardId-000000000000");
        assertThat(inside3.shards).contains(merged).doesNotContain(halves.get(0), halves.get(1));
        assertThat(after.shards).contains("shardId-000000000001");
        assertThat(afterLateSplit.shards).containsAnyElementsOf(late);

        Map<String, Instant> arrivals = stream.arrivals();
        // a few records a poll: reading a shard takes several polls, time in which a child could get ahead
        KinesisSource<RawRecord> source = stream.source(between(arrivals, before, inside1),
                between(arrivals, inside3, after)).recordsPerPoll(4).build();
        List<RawRecord> read = collect(source, env(2, false), s -> s);

        assertThat(read).extracting(r -> r.source).containsExactlyInAnyOrderElementsOf(
                Stream.of(inside1, inside2, inside3).flatMap(b -> b.sources.stream()).collect(Collectors.toList()));
        Map<String, List<Integer>> orderPerKey = new LinkedHashMap<>();
        for (RawRecord r : read) {
            String[] parts = text(r).split("\\|");
            orderPerKey.computeIfAbsent(parts[1], k -> new ArrayList<>()).add(Integer.parseInt(parts[2]));
        }
        assertThat(orderPerKey).hasSize(keys).allSatisfy((key, order) ->
                assertThat(order).as("records of %s in the order read", key).containsExactly(1, 2, 3, 4, 5, 6));
    }

    /** Whether {@link FailOnceAfterAShardAndACheckpoint} has failed its job. */
    static final AtomicBoolean FAILED = new AtomicBoolean();

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void resumesFromItsCheckpointAfterAFailureWithoutLosingOrRepeatingRecords() throws Exception {
        ReplayStream stream = new ReplayStream(KINESIS.server(), "replay-restore", 4);
        Batch before = stream.put(40, i -> "device-" + i + "|before-" + i);
        Batch inside = stream.put(400, i -> "device-" + (i % 40) + "|inside-" + i);
        Batch after = stream.put(40, i -> "device-" + i + "|after-" + i);
        Map<String, Instant> arrivals = stream.arrivals();
        FAILED.set(false);

        KinesisSource<RawRecord> source = stream.source(between(arrivals, before, inside), between(arrivals, inside, after))
                .build();
        // The map is chained to the source: checkpoints land between two records of a shard.
        List<RawRecord> read = collect(source, env(2, true),
                s -> s.map(new FailOnceAfterAShardAndACheckpoint()).returns(TypeInformation.of(RawRecord.class)));

        assertThat(FAILED).as("the job failed once").isTrue();
        assertThat(read).extracting(r -> r.source).containsExactlyInAnyOrderElementsOf(inside.sources);
    }

    /**
     * Fails its job once, at the first record after a checkpoint taken when this subtask had finished a shard
     * (records of a second shard come through) and was part-way through another: the restored reader resumes one
     * shard mid-way and reports the finished one again. Slow enough (5 ms a record) for checkpoints to complete
     * while the shards are read.
     */
    static final class FailOnceAfterAShardAndACheckpoint extends RichMapFunction<RawRecord, RawRecord>
            implements CheckpointedFunction, CheckpointListener {
        private final Set<String> shards = new HashSet<>();
        private int shardsAtSnapshot;
        private boolean armed;

        @Override
        public RawRecord map(RawRecord r) throws Exception {
            Thread.sleep(5);
            shards.add(r.source.substring(0, r.source.indexOf('@')));
            if (armed && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure");
            }
            return r;
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) {
            shardsAtSnapshot = shards.size();
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {}

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            armed |= shardsAtSnapshot >= 2;
        }
    }


    /** Runs the source (and {@code then}) to its end and returns what reached the sink. */
    private static List<RawRecord> collect(KinesisSource<RawRecord> source, StreamExecutionEnvironment env,
            UnaryOperator<DataStream<RawRecord>> then) throws Exception {
        DataStream<RawRecord> s = env.fromSource(source, WatermarkStrategy.noWatermarks(), "kinesis-replay")
                .uid("kinesis-replay");
        List<RawRecord> out = new ArrayList<>();
        try (CloseableIterator<RawRecord> it = then.apply(s).executeAndCollect("kinesis-replay-test")) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    private static Map<String, String> zip(List<String> keys, List<String> values) {
        return IntStream.range(0, keys.size()).boxed().collect(Collectors.toMap(keys::get, values::get));
    }
}
