package io.fleetstream.jobs.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.jobs.commands.SimulateCommand;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.jobs.pipeline.StreamOutputs;
import io.fleetstream.lake.LakeReader;
import io.fleetstream.testing.Checkpoints;
import io.fleetstream.testing.FaultRuns;
import io.fleetstream.testing.FaultSeeds;
import io.fleetstream.testing.KafkaTestBroker;
import io.fleetstream.testing.LakeAssertions;
import io.fleetstream.testing.MiniClusters;
import io.fleetstream.testing.Pipelines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka broker the job reads its telemetry from and writes its alarm events and dead letters to (exactly-once,
 * in transactions committed with checkpoints) killed with SIGKILL at a seeded random moment after a checkpoint, and
 * started again on the same port and log folder a seeded moment later. The job has fetched its input ahead and goes
 * on while the broker is away, so the sinks' sends fail and the job's restart strategy takes it back to its newest
 * checkpoint, again and again until the broker answers. A failing Kafka writer that cannot abort its transaction
 * either (the broker still away) throws in its task's failure handling, which is fatal to its TaskManager: the test
 * starts a new one, as a deployment restarts a TaskManager process. Afterwards the lake must equal an uninterrupted
 * run's, table by table, and a read_committed consumer of each topic must see the uninterrupted run's events, each
 * once: nothing of an aborted transaction, no event of a committed one again.
 */
class KafkaBrokerRestartTest {
    private static final List<String> TOPICS = List.of("alarms", "dead-letters");

    @TempDir
    Path dir;

    @Test
    void theLakeAndTheAlarmTopicAreExactAfterTheBrokerRestarts() throws Exception {
        long seed = FaultSeeds.next("KafkaBrokerRestartTest");
        Random random = new Random(seed);
        // A restarted broker registers again only once the controller has let its old registration's session
        // lapse: 9 s by default
        try (KafkaTestBroker broker = KafkaTestBroker.start(Map.of("broker.session.timeout.ms", "2000",
                "broker.heartbeat.interval.ms", "500"));
                MiniCluster cluster = MiniClusters.start(1, 2)) {
            // one partition: one reader, so each device's readings come in one order, as from a file
            broker.createTopic("telemetry", 1);
            for (String topic : TOPICS) {
                broker.createTopic("reference-" + topic, 2);
                broker.createTopic("faulted-" + topic, 2);
            }
            simulateFleet(broker);
            TestStreamEnvironment.setAsContext(cluster, 1);
            try {
                Path reference = dir.resolve("reference");
                start(config(broker, reference, "reference-"), false).getJobExecutionResult().get();

                Path faulted = dir.resolve("faulted");
                FleetConfig cfg = config(broker, faulted, "faulted-");
                JobClient job = start(cfg, true);
                int after = Checkpoints.awaitNewer(FaultRuns.checkpoints(cfg), 0);
                Thread.sleep(random.nextInt(1_000));
                broker.kill();
                int away = 500 + random.nextInt(2_500);
                Thread.sleep(away);
                broker.restart();
                int replaced = MiniClusters.awaitEndReplacingTaskManagers(cluster, job, 1);
                String restarts = MiniClusters.restarts(cluster, job.getJobID());
                String fault = "broker killed after checkpoint " + after + ", its start begun " + away
                        + " ms later; the job " + restarts + "; TaskManagers replaced: " + replaced;
                System.out.println("KafkaBrokerRestartTest fault: " + fault);

                String context = "after the " + fault + " (seed " + seed + ")";
                assertThat(restarts).as("the outage reached the job as a failure").startsWith("restarted");
                LakeAssertions.sameTables(reference, faulted, LakeAssertions.ALL_TABLES, context);
                for (String topic : TOPICS) {
                    LakeAssertions.sameRows(committed(broker, "reference-" + topic),
                            committed(broker, "faulted-" + topic), topic + " topic " + context);
                }
                assertThat(committed(broker, "reference-alarms")).as("one alarm event a row of the alarms table")
                        .hasSize(LakeReader.read(reference, "alarms").size()).isNotEmpty();
                assertThat(LakeReader.read(reference, "readings")).as("the fleet reached the lake")
                        .hasSizeGreaterThan(3_000);
            } finally {
                TestStreamEnvironment.unsetAsContext();
            }
        }
    }

    /** The fault tests' fleet on the topic, in the order the simulator made it. */
    private void simulateFleet(KafkaTestBroker broker) throws Exception {
        Map<String, String> o = new HashMap<>(FaultRuns.FLEET);
        o.putAll(Map.of("simulate.to", "kafka", "simulate.path", dir.resolve("sim").toString(),
                "source.kafka.bootstrap-servers", broker.bootstrapServers(), "source.kafka.topics", "telemetry"));
        assertThat(SimulateCommand.run(Pipelines.config(o), new PrintStream(new ByteArrayOutputStream()))).isZero();
    }

    private static FleetConfig config(KafkaTestBroker broker, Path lake, String topicPrefix) {
        Map<String, String> o = FaultRuns.options(lake, 30);
        o.put("source.type", "kafka");
        o.put("source.kafka.bootstrap-servers", broker.bootstrapServers());
        o.put("source.kafka.topics", "telemetry");
        o.put("source.kafka.starting-offsets", "earliest");
        o.put("source.kafka.stopping-offsets", "latest");
        // The whole topic in the first fetch, so the job goes on while the broker is away. Its clients give up after
        // seconds instead of minutes, so an outage of seconds fails them as a long one would: a transaction's
        // commit after 2 s (retried later, the job goes on), a new transaction or a send after 2-4 s (the job fails).
        o.put("source.kafka.properties.max.poll.records", "100000");
        o.put("source.kafka.properties.max.partition.fetch.bytes", "16777216");
        o.put("source.kafka.properties.max.block.ms", "2000");
        o.put("source.kafka.properties.request.timeout.ms", "2000");
        o.put("source.kafka.properties.delivery.timeout.ms", "4000");
        o.put("alarms.stream.type", "kafka");
        o.put("alarms.stream.kafka.topic", topicPrefix + "alarms");
        o.put("deadletters.stream.type", "kafka");
        o.put("deadletters.stream.kafka.topic", topicPrefix + "dead-letters");
        o.put("flink.parallelism.default", "1");
        return Pipelines.config(o);
    }

    private static JobClient start(FleetConfig cfg, boolean slowly) throws Exception {
        StreamExecutionEnvironment env = Environments.create(cfg);
        StreamOutputs.attach(FaultRuns.pipeline(env, cfg, slowly), cfg);
        return env.executeAsync("broker-restart");
    }

    /** Key and JSON of every event a read_committed consumer sees. */
    private static List<String> committed(KafkaTestBroker broker, String topic) {
        return broker.readCommitted(topic).stream().map(r -> new String(r.key(), StandardCharsets.UTF_8) + " "
                + new String(r.value(), StandardCharsets.UTF_8)).collect(Collectors.toList());
    }
}
