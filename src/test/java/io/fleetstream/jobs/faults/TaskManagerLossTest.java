package io.fleetstream.jobs.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.jobs.pipeline.LakeOutputs;
import io.fleetstream.jobs.pipeline.PipelineStreams;
import io.fleetstream.jobs.pipeline.TelemetryPipeline;
import io.fleetstream.jobs.sources.Sources;
import io.fleetstream.model.RawRecord;
import io.fleetstream.lake.LakeReader;
import io.fleetstream.testing.Checkpoints;
import io.fleetstream.testing.FaultRuns;
import io.fleetstream.testing.FaultSeeds;
import io.fleetstream.testing.LakeAssertions;
import io.fleetstream.testing.MiniClusters;
import io.fleetstream.testing.Pipelines;
import io.fleetstream.testing.Slowly;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TaskManager lost while the job runs (its tasks die with it, a checkpoint may be in flight) is a restore of every
 * stateful operator from the newest completed checkpoint, on RocksDB with incremental checkpoints as in production.
 * The job is killed three times at seeded random moments, each time a new TaskManager takes the lost one's place,
 * and the lake it writes must equal the lake of an uninterrupted run of the same input, table by table and row by
 * row: the lake's sinks are exactly-once, and every operator's output depends on event time only.
 */
class TaskManagerLossTest {
    private static final int KILLS = 3;

    @TempDir
    Path dir;

    @Test
    void theLakeOfARunThatLosesATaskManagerThreeTimesEqualsTheLakeOfAnUninterruptedRun() throws Exception {
        long seed = FaultSeeds.next("TaskManagerLossTest");
        Path input = FaultRuns.simulatedFleetFile(dir);

        Path reference = dir.resolve("reference");
        Path faulted = dir.resolve("faulted");
        List<String> kills = new ArrayList<>();
        // three TaskManagers of one slot for a job of parallelism 2: one spare, and a new one after each loss
        try (MiniCluster cluster = MiniClusters.start(3, 1)) {
            run(cluster, input, reference, null);
            run(cluster, input, faulted, new Killer(cluster, new Random(seed), kills));
        }
        System.out.println("TaskManagerLossTest faults: " + kills);

        assertThat(kills).as("TaskManagers lost during the run").hasSize(KILLS);
        LakeAssertions.sameTables(reference, faulted, LakeAssertions.ALL_TABLES,
                "after " + kills + " (seed " + seed + ")");
        assertThat(LakeReader.read(reference, "readings")).as("the input reached the lake").hasSizeGreaterThan(5_000);
        assertThat(LakeReader.read(reference, "alarms")).as("the fleet raised alarms").isNotEmpty();
        assertThat(LakeReader.read(reference, "anomalies")).as("the fleet had anomalies").isNotEmpty();
    }


    private void run(MiniCluster cluster, Path input, Path lake, Killer killer) throws Exception {
        Map<String, String> options = FaultRuns.options(lake, 2 * KILLS);
        options.put("source.type", "file");
        options.put("source.file.path", input.toUri().toString());
        options.put("flink.state.backend.type", "rocksdb");
        options.put("flink.execution.checkpointing.incremental", "true");
        options.put("flink.parallelism.default", "2");
        FleetConfig cfg = Pipelines.config(options);
        TestStreamEnvironment.setAsContext(cluster, 2);
        try {
            StreamExecutionEnvironment env = Environments.create(cfg);
            FaultRuns.pipeline(env, cfg, killer != null);
            JobClient job = env.executeAsync(lake.getFileName().toString());
            if (killer != null) {
                killer.killWhileRunning(job.getJobID(), FaultRuns.checkpoints(cfg));
            }
            job.getJobExecutionResult().get();
        } finally {
            TestStreamEnvironment.unsetAsContext();
        }
    }

    /** Kills a TaskManager running the job a random time after a checkpoint completed, then starts a new one. */
    private static final class Killer {
        private final MiniCluster cluster;
        private final Random random;
        private final List<String> kills;
        /** TaskManagers are numbered as started; a terminated one keeps its number. */
        private int started = 3;
        private final List<Integer> alive = new ArrayList<>(List.of(0, 1, 2));

        Killer(MiniCluster cluster, Random random, List<String> kills) {
            this.cluster = cluster;
            this.random = random;
            this.kills = kills;
        }

        void killWhileRunning(JobID job, Path checkpointDir) throws Exception {
            for (int k = 0; k < KILLS; k++) {
                // at least one more checkpoint after the previous kill: each restore starts from a new one
                Checkpoints.awaitNewer(checkpointDir, Checkpoints.newest(checkpointDir));
                Thread.sleep(random.nextInt(450));
                int victim = alive.remove(random.nextInt(alive.size()));
                cluster.terminateTaskManager(victim).get();
                kills.add("TaskManager " + victim + " after checkpoint " + Checkpoints.newest(checkpointDir));
                cluster.startTaskManager();
                alive.add(started++);
            }
        }
    }
}
