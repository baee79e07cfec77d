package io.fleetstream.sinks.dynamodb;

import io.fleetstream.sinks.dynamodb.internal.DeviceStateWriter;
import io.fleetstream.sinks.dynamodb.internal.DeviceUpdate;
import io.fleetstream.sinks.dynamodb.internal.DeviceUpdates;
import io.fleetstream.sinks.dynamodb.internal.UpdateRequests;
import io.fleetstream.testing.DynamoDbLocalServer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.util.MiniClusterWithClientResource;

/**
 * Sink throughput against DynamoDB Local on this machine: N device states of M devices, in the order the
 * current-state operator emits them (one device's states to one writer, in order), through the sink in a local
 * Flink job; and, for scale, the same states as bare conditional UpdateItems from one SDK client with the same
 * concurrency. Not a test: it prints its figures. DynamoDB Local (SQLite, in this JVM) is far slower than
 * DynamoDB, so both figures are set by the local server, not what a table on AWS would take.
 *
 * <pre>{@code java -cp $CP io.fleetstream.sinks.dynamodb.DeviceStateSinkBenchmark [states] [devices] [parallelism] [maxInFlight]}</pre>
 */
public final class DeviceStateSinkBenchmark {
    private DeviceStateSinkBenchmark() {}

    public static void main(String[] args) throws Exception {
        int states = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int devices = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int maxInFlight = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        int perDevice = Math.max(1, states / devices);
        InMemoryReporter metrics = InMemoryReporter.createWithRetainedMetrics();
        // A cluster that outlives the job, so its metrics can be read after it.
        MiniClusterWithClientResource cluster = new MiniClusterWithClientResource(
                new MiniClusterResourceConfiguration.Builder()
                        .setConfiguration(metrics.addToConfiguration(new Configuration()))
                        .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(parallelism).build());
        cluster.before();
        try (DynamoDbLocalServer dynamo = DynamoDbLocalServer.start()) {
            dynamo.createDeviceStateTable("bare");
            double bare = bareUpdateItems(dynamo, "bare", devices, perDevice, maxInFlight);
            dynamo.createDeviceStateTable("bench");
            Configuration conf = new Configuration();
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            conf.set(PipelineOptions.GENERIC_TYPES, false);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(parallelism);
            // One source and keyBy, as behind the current-state operator: each device's states reach one writer, in order.
            Snapshots.inTimeOrder(env, devices, perDevice)
                    .keyBy(s -> s.deviceId)
                    .sinkTo(DeviceStateSink.builder().table("bench").endpoint(dynamo.endpoint())
                            .credentials(DynamoDbLocalServer.ACCESS_KEY, DynamoDbLocalServer.SECRET_KEY)
                            .maxInFlight(maxInFlight).build())
                    .name("dynamodb");
            long started = System.nanoTime();
            JobExecutionResult result = env.execute("device-state-sink-benchmark");
            double seconds = (System.nanoTime() - started) / 1e9;
            JobID job = result.getJobID();
            long writes = count(metrics, job, DeviceStateWriter.METRIC_WRITES);
            int total = devices * perDevice;
            System.out.printf(Locale.ROOT, "%,d states of %,d devices, parallelism %d, max in flight %d: %.1f s, "
                            + "%,.0f states/s; UpdateItems: %,d landed (%,.0f/s), %,d refused as stale; %,d states "
                            + "coalesced; %,d items in the table%n",
                    total, devices, parallelism, maxInFlight, seconds, total / seconds, writes, writes / seconds,
                    count(metrics, job, DeviceStateWriter.METRIC_STALE),
                    count(metrics, job, DeviceStateWriter.METRIC_COALESCED), dynamo.items("bench").size());
            System.out.printf(Locale.ROOT, "bare SDK client, same states, %d in flight: %,.0f UpdateItems/s%n",
                    maxInFlight, bare);
        } finally {
            cluster.after();
        }
        // DynamoDB Local leaves a non-daemon thread behind (its streams' shard rollover scheduler).
        System.exit(0);
    }

    /** Every state as a conditional UpdateItem, in time order, {@code maxInFlight} at once: UpdateItems per second. */
    private static double bareUpdateItems(DynamoDbLocalServer dynamo, String table, int devices, int perDevice,
            int maxInFlight) throws InterruptedException {
        Semaphore inFlight = new Semaphore(maxInFlight);
        long started = System.nanoTime();
        for (int k = 0; k < perDevice; k++) {
            for (int d = 0; d < devices; d++) {
                inFlight.acquire();
                DeviceUpdate u = DeviceUpdates.from(Snapshots.snapshot(d, k), Snapshots.emitTime(k));
                dynamo.client().updateItem(UpdateRequests.build(table, u, System.currentTimeMillis()))
                        .whenComplete((r, e) -> inFlight.release());
            }
        }
        inFlight.acquire(maxInFlight);
        return devices * perDevice / ((System.nanoTime() - started) / 1e9);
    }

    private static long count(InMemoryReporter metrics, JobID job, String name) {
        return metrics.findMetrics(job, ".*" + name.replace(".", "\\.") + "$").values().stream()
                .mapToLong(m -> ((Counter) m).getCount()).sum();
    }
}
