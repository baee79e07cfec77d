package io.fleetstream.jobs.internal;

import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.LocalPaths;
import io.fleetstream.jobs.config.RunOptions;
import io.fleetstream.jobs.config.SourceOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Execution environments: the cluster's when submitted with {@code flink run}, an in-process one otherwise. */
public final class Environments {
    private Environments() {}

    /** RocksDB's memory in an in-process run (native memory, outside the heap), shared by its slots. */
    static final MemorySize LOCAL_MANAGED_MEMORY = MemorySize.parse("512 mb");

    /** Restarts a bounded run in this process gets before it ends with its failure's cause. */
    static final int BOUNDED_LOCAL_RESTARTS = 3;

    /** The live job's environment: bounded when its source is (files; the simulator, which runs for a duration). */
    public static StreamExecutionEnvironment create(FleetConfig cfg) {
        SourceOptions.SourceType type = cfg.get(SourceOptions.TYPE);
        return create(cfg, type == SourceOptions.SourceType.FILE || type == SourceOptions.SourceType.SIMULATOR
                || type == SourceOptions.SourceType.LAKE);
    }

    /**
     * @param bounded whether the job's input ends: in this process such a run restarts a few times after a
     *     failure and then ends with its cause, where an unbounded one restarts as a cluster would, for ever
     */
    public static StreamExecutionEnvironment create(FleetConfig cfg, boolean bounded) {
        Configuration conf = flinkConf(cfg);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        if (env instanceof LocalStreamEnvironment) {
            // On a cluster the paths are the cluster's to reach; here a typo would only show as restarts
            LocalPaths.check(cfg);
            if (bounded && !conf.contains(RestartStrategyOptions.RESTART_STRATEGY)) {
                // A bounded run that keeps failing (a poison file, an unreachable server) would otherwise restart
                // for ever and look like a hang; a few attempts still ride out a transient fault
                conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
                conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, BOUNDED_LOCAL_RESTARTS);
                conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, java.time.Duration.ofSeconds(2));
            }
            if (!conf.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)) {
                // In-process without a checkpoint folder Flink keeps checkpoints in JobManager memory, which fails
                // once the job's state passes 5 MB.
                conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, tempCheckpointDir());
            }
            if (!conf.contains(TaskManagerOptions.MANAGED_MEMORY_SIZE)) {
                conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, LOCAL_MANAGED_MEMORY);
            }
            env = StreamExecutionEnvironment.createLocalEnvironment(conf);
        }
        if (env instanceof LocalStreamEnvironment) {
            initializeFileSystems(conf);
        }
        return configure(env, cfg);
    }

    /**
     * In-process, Flink's file systems (s3://) read their options (s3.endpoint, keys, ...) from the configuration
     * they were initialized with; a cluster does this at start-up, an in-process run must do it here.
     */
    private static void initializeFileSystems(Configuration conf) {
        FileSystem.initialize(conf, null);
    }

    /** An in-process MiniCluster, for the demo and bench commands. */
    public static StreamExecutionEnvironment local(FleetConfig cfg, int parallelism) {
        Configuration conf = new Configuration();
        // A failure should end the command with its error, not restart behind the progress lines.
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        // Accumulators reach the job client with task heartbeats; frequent ones keep progress lines fresh.
        conf.setString("heartbeat.interval", "1000");
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, tempCheckpointDir());
        // A MiniCluster gives RocksDB 128 MB of managed memory for all its slots: its memtables then flush every few
        // writes and the job crawls (RocksDBOperationUtils warns so). A TaskManager of a sized cluster has more.
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, LOCAL_MANAGED_MEMORY);
        conf.addAll(flinkConf(cfg));
        initializeFileSystems(conf);
        return configure(StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf), cfg);
    }

    private static Configuration flinkConf(FleetConfig cfg) {
        Configuration conf = new Configuration();
        // Every record type has its own serializer; a type falling back to Kryo is a bug, so fail fast.
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // No operator keeps or mutates the records it receives, so chained operators may share them.
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        if (cfg.isSet(RunOptions.CHECKPOINT_DIR)) {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, cfg.get(RunOptions.CHECKPOINT_DIR));
            // Flink's default deletes a job's checkpoints when it is cancelled or fails, which would leave resume
            // nothing to resume from. A given flink.execution.checkpointing.externalized-checkpoint-retention wins.
            conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        }
        Resume.checkpoint(cfg).ifPresent(c -> {
            System.out.println("resuming from " + c);
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, c.path);
        });
        conf.addAll(cfg.flinkOptions());
        return conf;
    }

    /**
     * Runs the job to its end and, when it has a checkpoint.dir, marks its job folder finished, so a later
     * {@code --resume} does not take an older run's checkpoint for the newest ({@link RetainedCheckpoints}).
     */
    public static JobExecutionResult execute(StreamExecutionEnvironment env, FleetConfig cfg, String name)
            throws Exception {
        JobExecutionResult result = env.execute(name);
        markFinished(cfg, result.getJobID());
        return result;
    }

    /** Marks a job that ended successfully as finished under checkpoint.dir, when one is set. */
    public static void markFinished(FleetConfig cfg, org.apache.flink.api.common.JobID job) throws IOException {
        if (cfg.isSet(RunOptions.CHECKPOINT_DIR) && !cfg.get(RunOptions.CHECKPOINT_DIR).isBlank()) {
            RetainedCheckpoints.markFinished(cfg.get(RunOptions.CHECKPOINT_DIR).trim(), job.toString());
        }
    }

    private static String tempCheckpointDir() {
        try {
            return Files.createTempDirectory("fleetstream-checkpoints").toUri().toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a local checkpoint folder", e);
        }
    }

    private static StreamExecutionEnvironment configure(StreamExecutionEnvironment env, FleetConfig cfg) {
        if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
            env.enableCheckpointing(cfg.get(RunOptions.CHECKPOINT_INTERVAL).toMillis());
        }
        return env;
    }
}
