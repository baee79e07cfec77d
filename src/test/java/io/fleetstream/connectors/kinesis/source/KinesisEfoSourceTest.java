package io.fleetstream.connectors.kinesis.source;

import static io.fleetstream.connectors.kinesis.source.KinesisSourceTest.entry;
import static io.fleetstream.connectors.kinesis.source.KinesisSourceTest.payload;
import static io.fleetstream.connectors.kinesis.source.KinesisSourceTest.records;
import static io.fleetstream.connectors.kinesis.source.KinesisSourceTest.run;
import static io.fleetstream.connectors.kinesis.source.KinesisSourceTest.source;
import static io.fleetstream.testing.TestEnvironments.env;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.connectors.kinesis.KinesisClients;
import io.fleetstream.testing.KinesisMock;
import io.fleetstream.testing.KinesisMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * The source with enhanced fan-out in MiniCluster jobs against kinesis-mock, which serves SubscribeToShard over
 * HTTP/2 with prior knowledge on its plain-HTTP port: consumer registration, a multi-shard read, a restore, a
 * subscription another reader still holds. Not here: a reshard, since kinesis-mock never ends a closed shard's
 * subscription (no event without a continuation sequence number, no child shards); the polling reader's test
 * covers the lineage rules the EFO reader shares through the enumerator.
 */
class KinesisEfoSourceTest {
    @RegisterExtension
    static final KinesisMock KINESIS = KinesisSourceTest.KINESIS;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aJobManagedConsumerReadsEveryRecordOfEveryShardOnceAndIsDeregisteredWhenTheJobIsCancelled()
            throws Exception {
        KinesisMockServer server = KINESIS.server();
        String arn = server.createStream("efo-read", 3);
        List<Map.Entry<String, byte[]>> before = records(90, i -> "device-" + i, i -> "before-" + i);
        byte[] aggregate = KplAggregates.aggregate(List.of(entry("device-a", "agg-0"), entry("device-b", "agg-1"),
                entry("device-c", "agg-2")));
        before.add(new SimpleEntry<>("outer", aggregate));
        Set<String> shards = server.put(arn, before).stream().map(PutRecordsResultEntry::shardId)
                .collect(Collectors.toSet());
        assertThat(shards).hasSize(3);
        assertThat(consumers(server.client(), arn)).isEmpty();

        Set<String> expected = new HashSet<>();
        before.forEach(e -> expected.add(new String(e.getValue(), UTF_8)));
        expected.remove(new String(aggregate, UTF_8));
        expected.addAll(List.of("agg-0", "agg-1", "agg-2"));
        List<String> read = new ArrayList<>();
        try (CloseableIterator<String> it = run(source(arn).enhancedFanOut(EnhancedFanOut.jobManaged("efo-read-job"))
                .build(), env(2, false), s -> s)) {
            while (read.size() < 93) {
                read.add(it.next());
            }
            assertThat(consumers(server.client(), arn)).singleElement()
                    .satisfies(c -> assertThat(c.consumerName()).isEqualTo("efo-read-job"))
                    .satisfies(c -> assertThat(c.consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE));
            // pushed while the subscriptions are open
            List<Map.Entry<String, byte[]>> after = records(30, i -> "device-" + i, i -> "after-" + i);
            after.forEach(e -> expected.add(new String(e.getValue(), UTF_8)));
            server.put(arn, after);
            while (read.size() < 123) {
                read.add(it.next());
            }
        }

        assertThat(read).extracting(KinesisSourceTest::position).doesNotHaveDuplicates();
        assertThat(read).extracting(KinesisSourceTest::payload).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(read).filteredOn(l -> payload(l).startsWith("agg-"))
                .extracting(KinesisSourceTest::position).allMatch(p -> p.matches("shardId-\\d+@\\d+\\.[012]"));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!consumers(server.client(), arn).stream().allMatch(c -> c.consumerStatus() == ConsumerStatus.DELETING)) {
            assertThat(System.nanoTime()).as("consumer deregistered within 20 s of the cancel").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void deliversEveryRecordAndSubRecordExactlyOnceAcrossARestoreFromACheckpointInsideAnAggregate()
            throws Exception {
        KinesisSourceTest.assertExactlyOnceAcrossARestoreInsideAnAggregate("efo-restore",
                b -> b.enhancedFanOut(EnhancedFanOut.jobManaged("efo-restore-job")));
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aShardThatAnotherSubscriptionOfTheConsumerHoldsIsReadOnceItIsFree() throws Exception {
        KinesisMockServer server = KINESIS.server();
        String arn = server.createStream("efo-held", 1);
        server.put(arn, records(20, i -> "device-" + i, i -> "held-" + i));
        KinesisClient sync = server.client();
        String consumerArn = sync.registerStreamConsumer(b -> b.streamARN(arn).consumerName("efo-held-consumer"))
                .consumer().consumerARN();
        while (sync.describeStreamConsumer(b -> b.consumerARN(consumerArn)).consumerDescription().consumerStatus()
                != ConsumerStatus.ACTIVE) {
            Thread.sleep(50);
        }

        List<String> read = new ArrayList<>();
        Instant released;
        // the subscription of a reader that has not noticed its job failed over, say
        try (KinesisClients clients = KinesisClients.createForSubscriptions(server.clientProperties(),
                KinesisMockServer.REGION)) {
            CountDownLatch holding = new CountDownLatch(1);
            CompletableFuture<Void> held = clients.client().subscribeToShard(SubscribeToShardRequest.builder()
                    .consumerARN(consumerArn).shardId("shardId-000000000000")
                    .startingPosition(p -> p.type(ShardIteratorType.LATEST)).build(),
                    SubscribeToShardResponseHandler.builder().subscriber(e -> holding.countDown()).build());
            assertThat(holding.await(20, TimeUnit.SECONDS)).as("the other subscription is active").isTrue();
            try (CloseableIterator<String> it = run(source(arn).enhancedFanOut(
                    EnhancedFanOut.consumerArn(consumerArn)).build(), env(1, false), s -> s)) {
                Thread.sleep(3000);
                released = Instant.now();
                held.cancel(true);
                Instant first = null;
                while (read.size() < 20) {
                    read.add(it.next());
                    first = first == null ? Instant.now() : first;
                }
                assertThat(first).as("first record read after the other subscription ended").isAfter(released);
            }
        }
        assertThat(read).extracting(KinesisSourceTest::payload).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 20).mapToObj(i -> "held-" + i).collect(Collectors.toList()));
        assertThat(consumers(sync, arn)).as("a self-managed consumer stays").singleElement()
                .satisfies(c -> assertThat(c.consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE));
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void aSelfManagedConsumerThatIsNotRegisteredFailsTheJobNamingConsumerAndStream() throws Exception {
        KinesisMockServer server = KINESIS.server();
        String arn = server.createStream("efo-missing", 1);
        try (CloseableIterator<String> it = run(source(arn).enhancedFanOut(EnhancedFanOut.selfManaged("nobody"))
                .build(), env(1, false), s -> s)) {
            assertThatThrownBy(it::next).satisfies(e -> assertThat(ExceptionUtils.stringifyException(e))
                    .contains("stream consumer 'nobody' is not registered on " + arn));
        }
        assertThat(consumers(server.client(), arn)).isEmpty();
    }

    @Test
    void aBoundedReadRefusesEnhancedFanOut() {
        String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/efo-bounded";
        assertThatThrownBy(() -> KinesisSource.<String>builder().streamArn(arn)
                .deserializer(new KinesisSourceTest.Lines()).stopAtStreamEnd()
                .enhancedFanOut(EnhancedFanOut.jobManaged("replay")).build())
                .hasMessage("enhanced fan-out reads an unbounded source only: a bounded read (stopAt, "
                        + "stopAtStreamEnd) polls with GetRecords");
        assertThatThrownBy(() -> KinesisSource.<String>builder().streamArn(arn)
                .deserializer(new KinesisSourceTest.Lines())
                .enhancedFanOut(EnhancedFanOut.consumerArn(
                        "arn:aws:kinesis:us-east-1:000000000000:stream/other/consumer/c:1")).build())
                .hasMessageStartingWith("stream consumer 'arn:aws:kinesis:us-east-1:000000000000:stream/other/"
                        + "consumer/c:1' is not a consumer of " + arn);
    }

    private static List<Consumer> consumers(KinesisClient client, String arn) {
        return client.listStreamConsumers(b -> b.streamARN(arn)).consumers();
    }
}
