package io.fleetstream.testing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/** A MiniCluster of a fault test's own, and what it shows of how a job got through its faults. */
public final class MiniClusters {
    private MiniClusters() {}

    /** Started; the caller closes it. Managed memory small enough for RocksDB beside the test's servers. */
    public static MiniCluster start(int taskManagers, int slotsEach) throws Exception {
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("96 mb"));
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
                .setNumTaskManagers(taskManagers).setNumSlotsPerTaskManager(slotsEach).build());
        cluster.start();
        return cluster;
    }

    /**
     * "restarted after: <the last failure's first line>", or "not restarted": whether a fault reached the job as a
     * failure its restart strategy recovered from, or was ridden out by the clients' own retries.
     */
    public static String restarts(MiniCluster cluster, JobID job) throws Exception {
        AccessExecutionGraph graph = cluster.getExecutionGraph(job).get();
        if (graph.getStatusTimestamp(JobStatus.RESTARTING) == 0 || graph.getFailureInfo() == null) {
            return "not restarted";
        }
        return "restarted after: " + graph.getFailureInfo().getExceptionAsString().lines().findFirst().orElse("");
    }

    /**
     * Waits for the job's end, starting a TaskManager in place of any that died meanwhile, as a deployment that
     * restarts a failed TaskManager process does (a task whose failure handling throws is fatal to its
     * TaskManager). Returns how many it replaced.
     */
    public static int awaitEndReplacingTaskManagers(MiniCluster cluster, JobClient job, int taskManagers)
            throws Exception {
        CompletableFuture<JobExecutionResult> end = job.getJobExecutionResult();
        int replaced = 0;
        while (true) {
            try {
                end.get(200, TimeUnit.MILLISECONDS);
                return replaced;
            } catch (TimeoutException e) {
                // still running
            }
            if (connected(cluster) < taskManagers) {
                cluster.startTaskManager();
                replaced++;
                long until = System.currentTimeMillis() + 30_000;
                while (connected(cluster) < taskManagers && System.currentTimeMillis() < until) {
                    Thread.sleep(50);
                }
            }
        }
    }

    private static int connected(MiniCluster cluster) throws Exception {
        return cluster.requestClusterOverview().get().getNumTaskManagersConnected();
    }
}
