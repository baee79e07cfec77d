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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How an operator rescales a job: stop it with a savepoint, start it from the savepoint at another parallelism. The
 * job runs at parallelism 1, is stopped with a savepoint at a seeded moment after a checkpoint, resumes at 2, is
 * stopped again, and finishes at 1; every stateful operator's keyed state is split across two subtasks and merged
 * back, and the source's position, the watermark floors and the lake's pending files go through both savepoints.
 * The lake must end equal to an uninterrupted run's, table by table and row by row.
 */
class SavepointRescaleTest {
    private static final int[] PARALLELISM = {1, 2, 1};

    @TempDir
    Path dir;

    @Test
    void theLakeOfARunStoppedWithSavepointsAndResumedAtParallelism1Then2Then1EqualsAnUninterruptedRun()
            throws Exception {
        long seed = FaultSeeds.next("SavepointRescaleTest");
        Random random = new Random(seed);
        Path reference = dir.resolve("reference");
        Path rescaled = dir.resolve("rescaled");
        start(reference, 1, Map.of("simulator.rate", "0")).getJobExecutionResult().get(3, TimeUnit.MINUTES);

        List<String> stops = new ArrayList<>();
        String savepoint = null;
        for (int i = 0; i < PARALLELISM.length; i++) {
            Map<String, String> extra = new java.util.HashMap<>();
            if (savepoint != null) {
                extra.put("flink.execution.savepoint.path", savepoint);
            }
            Path checkpoints = dir.resolve("checkpoints-" + i);
            extra.put("checkpoint.dir", checkpoints.toUri().toString());
            JobClient job = start(rescaled, PARALLELISM[i], extra);
            if (i == PARALLELISM.length - 1) {
                job.getJobExecutionResult().get(3, TimeUnit.MINUTES);
                break;
            }
            int after = Checkpoints.awaitNewer(checkpoints, 0);
            Thread.sleep(500 + random.nextInt(1_500));
            savepoint = job.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.CANONICAL).get(2, TimeUnit.MINUTES);
            job.getJobExecutionResult().get(1, TimeUnit.MINUTES);
            stops.add("parallelism " + PARALLELISM[i] + " stopped after checkpoint " + after + " to " + savepoint);
        }
        System.out.println("SavepointRescaleTest: " + stops + " (seed " + seed + ")");

        assertThat(stops).as("stopped with a savepoint while running").hasSize(PARALLELISM.length - 1);
        LakeAssertions.sameTables(reference, rescaled, LakeAssertions.ALL_TABLES,
                "after " + stops + " (seed " + seed + ")");
        assertThat(LakeReader.read(reference, "readings")).as("the input reached the lake").hasSizeGreaterThan(2_000);
        assertThat(LakeReader.read(reference, "alarms")).as("the fleet raised alarms").isNotEmpty();
    }

    /** Starts the job in-process, as {@code ./fleetstream telemetry} runs it, on the simulated fleet. */
    private JobClient start(Path lake, int parallelism, Map<String, String> extra) throws Exception {
        // about 16 s of readings: two stops fall inside the run
        Map<String, String> o = FaultRuns.simulated(lake, 0, 150, parallelism);
        o.put("checkpoint.interval", "500 ms");
        o.putAll(extra);
        FleetConfig cfg = Pipelines.config(o);
        StreamExecutionEnvironment env = Environments.create(cfg);
        FaultRuns.pipeline(env, cfg, false);
        return env.executeAsync(lake.getFileName().toString() + "-p" + parallelism);
    }
}
