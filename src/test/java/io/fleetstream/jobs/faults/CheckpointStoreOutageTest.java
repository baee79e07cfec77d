package io.fleetstream.jobs.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.lake.LakeReader;
import io.fleetstream.testing.Checkpoints;
import io.fleetstream.testing.FaultRuns;
import io.fleetstream.testing.FaultSeeds;
import io.fleetstream.testing.LakeAssertions;
import io.fleetstream.testing.Pipelines;
import io.fleetstream.testing.S3ProxyServer;
import io.fleetstream.testing.TcpFaultProxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint store (S3: s3proxy, behind a {@link TcpFaultProxy}) unreachable for a seeded 2.5-4 s, two to four
 * checkpoint intervals, from a seeded moment after a checkpoint completed: open connections are reset and new ones
 * refused, as when a store's endpoint stops answering. The checkpoints in that span stall or fail, and the job rides
 * it out without a restart (it has none, so a failover cannot hide a lost record): once the store answers again,
 * checkpoints complete again and the lake, whose files are committed by checkpoints, ends equal to an uninterrupted
 * run's (read at full speed, checkpoints on a local folder), table by table and row by row.
 */
class CheckpointStoreOutageTest {
    private static final String BUCKET = "checkpoints";

    @TempDir
    Path dir;

    @Test
    void theLakeOfARunWhoseCheckpointStoreWasUnreachableForTwoIntervalsEqualsTheLakeOfAnUninterruptedRun()
            throws Exception {
        long seed = FaultSeeds.next("CheckpointStoreOutageTest");
        Random random = new Random(seed);
        Path reference = dir.resolve("reference");
        Path faulted = dir.resolve("faulted");
        // the reference reads at full speed: outputs depend on event time only, not on the pace
        run(reference, Map.of("simulator.rate", "0"));
        List<String> faults = new ArrayList<>();
        try (S3ProxyServer s3 = S3ProxyServer.start(BUCKET);
                TcpFaultProxy proxy = new TcpFaultProxy(Integer.parseInt(s3.endpoint().replaceAll(".*:", "")))) {
            Map<String, String> options = new java.util.LinkedHashMap<>(s3.flinkOptions());
            options.put("flink.s3.endpoint", "http://127.0.0.1:" + proxy.port());
            options.put("checkpoint.dir", "s3://" + BUCKET + "/run");
            Path store = s3.bucketDir(BUCKET).resolve("run");
            CompletableFuture<Void> outage = run(faulted, options, () -> {
                int before = Checkpoints.awaitNewer(store, 0);
                Thread.sleep(random.nextInt(500));
                long span = 2_500 + random.nextInt(1_500);
                proxy.cut();
                Thread.sleep(span);
                proxy.heal();
                int atHeal = Checkpoints.newest(store);
                int after = Checkpoints.awaitNewer(store, atHeal);
                faults.add("store unreachable " + span + " ms after checkpoint " + before + " (" + proxy
                        + "); newest checkpoint when it answered again " + atHeal + ", then " + after);
            });
            outage.get(3, TimeUnit.MINUTES);
        }
        System.out.println("CheckpointStoreOutageTest faults: " + faults + " (seed " + seed + ")");

        assertThat(faults).as("an outage, then a checkpoint that completed after it").hasSize(1);
        LakeAssertions.sameTables(reference, faulted, LakeAssertions.ALL_TABLES,
                "after " + faults + " (seed " + seed + ")");
        assertThat(LakeReader.read(reference, "readings")).as("the input reached the lake").hasSizeGreaterThan(2_000);
    }

    private void run(Path lake, Map<String, String> extra) throws Exception {
        run(lake, extra, null).get();
    }

    /** Runs the job to its end, the fault (if any) on another thread while it runs; the future ends with both. */
    private CompletableFuture<Void> run(Path lake, Map<String, String> extra, Fault fault) throws Exception {
        // about 16 s of readings: the outage and a checkpoint after it fall inside the run
        Map<String, String> o = FaultRuns.simulated(lake, 0, 150, 2);
        o.put("checkpoint.interval", "1 s");
        o.putAll(extra);
        FleetConfig cfg = Pipelines.config(o);
        // in-process as ./fleetstream runs it: the local environment initializes Flink's S3 file system with the
        // run's options (a shared MiniCluster would keep the ones it started with)
        StreamExecutionEnvironment env = Environments.create(cfg);
        FaultRuns.pipeline(env, cfg, false);
        JobClient job = env.executeAsync(lake.getFileName().toString());
        CompletableFuture<Void> injected = fault == null ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> {
                    try {
                        fault.inject();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        // the job must end by itself, with no restart: its failure fails the test with the job's own cause
        job.getJobExecutionResult().get(3, TimeUnit.MINUTES);
        return injected;
    }

    @FunctionalInterface
    private interface Fault {
        void inject() throws Exception;
    }
}
