package io.fleetstream.jobs.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.jobs.pipeline.StateTableOutputs;
import io.fleetstream.lake.LakeReader;
import io.fleetstream.testing.DynamoDbLocalServer;
import io.fleetstream.testing.FaultRuns;
import io.fleetstream.testing.FaultSeeds;
import io.fleetstream.testing.LakeAssertions;
import io.fleetstream.testing.Pipelines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB (DynamoDB Local keeping its tables in files) stopped at a seeded moment after the current-state table
 * got its first items and started again on the same port a seeded 2-5 s later: requests in flight fail, new
 * connections are refused, then the store answers again with what it had. The sink must ride it out with its own
 * retries (the job has no restarts, so a failover cannot hide a lost write), and afterwards every device's item must
 * be the device's newest state, the newest row of the lake's {@code device_state} (committed exactly once): no
 * device missing, none left at an older state by a retry landing after a newer write.
 */
class DynamoDbRestartTest {
    private static final String TABLE = "fleet-state";

    @TempDir
    Path dir;

    @Test
    void everyDeviceEndsAtItsNewestStateAfterDynamoDbRestartedMidRun() throws Exception {
        long seed = FaultSeeds.next("DynamoDbRestartTest");
        Random random = new Random(seed);
        Path lake = dir.resolve("lake");
        List<String> faults = new ArrayList<>();
        Map<String, Map<String, AttributeValue>> items;
        try (DynamoDbLocalServer dynamo = DynamoDbLocalServer.onDisk(dir.resolve("dynamodb"))) {
            dynamo.createDeviceStateTable(TABLE);
            // about 12 s of readings: the restart falls inside the run
            Map<String, String> o = FaultRuns.simulated(lake, 0, 200, 2);
            o.putAll(dynamo.jobOptions(TABLE));
            FleetConfig cfg = Pipelines.config(o);
            StreamExecutionEnvironment env = Environments.create(cfg);
            StateTableOutputs.attach(FaultRuns.pipeline(env, cfg, false), cfg);
            JobClient job = env.executeAsync("dynamodb-restart");
            CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> {
                try {
                    while (dynamo.items(TABLE).isEmpty()) {
                        Thread.sleep(50);
                    }
                    Thread.sleep(random.nextInt(1_000));
                    Duration down = Duration.ofMillis(2_000 + random.nextInt(3_000));
                    int before = dynamo.items(TABLE).size();
                    dynamo.restart(down);
                    faults.add("DynamoDB down " + down.toMillis() + " ms with " + before + " items, the job "
                            + job.getJobStatus().get() + " when it came back");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // the job must end by itself, with no restart: its failure fails the test with the job's own cause
            job.getJobExecutionResult().get(3, TimeUnit.MINUTES);
            restart.get(1, TimeUnit.MINUTES);
            items = dynamo.items(TABLE);
        }
        System.out.println("DynamoDbRestartTest faults: " + faults + " (seed " + seed + ")");

        assertThat(faults).as("a restart during the run").hasSize(1);
        assertThat(faults.get(0)).as("the job still wrote after the restart").endsWith("RUNNING when it came back");
        Map<String, String> newest = newestStates(lake);
        assertThat(newest).as("devices in the lake's device_state").hasSizeGreaterThanOrEqualTo(20);
        List<String> actual = new ArrayList<>();
        items.forEach((device, item) -> actual.add(device + " last seen " + item.get("lastSeen").n() + " "
                + metrics(item.get("metrics").m())));
        LakeAssertions.sameRows(new ArrayList<>(newest.values()), actual,
                "current-state items after " + faults + " (seed " + seed + ")");
    }

    /** Each device's newest state in the lake: its latest last_seen and the metrics it had then. */
    private static Map<String, String> newestStates(Path lake) throws Exception {
        Map<String, Long> lastSeen = new TreeMap<>();
        Map<String, String> newest = new TreeMap<>();
        for (Map<String, Object> row : LakeReader.read(lake, "device_state")) {
            String device = (String) row.get("device_id");
            long seen = ((Number) row.get("last_seen")).longValue();
            if (seen >= lastSeen.getOrDefault(device, Long.MIN_VALUE)) {
                lastSeen.put(device, seen);
                @SuppressWarnings("unchecked")
                Map<String, Object> metrics = (Map<String, Object>) row.get("metrics");
                newest.put(device, device + " last seen " + seen + " " + new TreeMap<>(metrics));
            }
        }
        return newest;
    }

    private static String metrics(Map<String, AttributeValue> m) {
        Map<String, Object> values = new TreeMap<>();
        m.forEach((k, v) -> values.put(k, Double.parseDouble(v.n())));
        return values.toString();
    }
}
