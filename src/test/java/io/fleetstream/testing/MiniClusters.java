package io.fleetstream.testing;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
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
}
