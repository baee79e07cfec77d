package io.fleetstream.jobs;

import io.fleetstream.jobs.commands.Progress;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.RunOptions;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.jobs.pipeline.LakeOutputs;
import io.fleetstream.jobs.pipeline.PipelineStreams;
import io.fleetstream.jobs.pipeline.StateTableOutputs;
import io.fleetstream.jobs.pipeline.StreamOutputs;
import io.fleetstream.jobs.pipeline.TelemetryPipeline;
import io.fleetstream.jobs.pipeline.TimeSeriesOutputs;
import io.fleetstream.jobs.sources.ControlSources;
import io.fleetstream.jobs.sources.Sources;
import io.fleetstream.model.RawRecord;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The live job: the configured source, the telemetry pipeline, the lake, the time-series store, the current-state table, the streams. */
public final class TelemetryJob {
    private TelemetryJob() {}

    /** Adds the job to {@code env}; the caller executes it. */
    public static void define(StreamExecutionEnvironment env, FleetConfig cfg) {
        define(env, cfg, Sources.create(env, cfg));
    }

    /** The job on a given source stream (a test's slowed-down source); the state layout is the job's own. */
    static void define(StreamExecutionEnvironment env, FleetConfig cfg, DataStream<RawRecord> raw) {
        String lake = cfg.get(RunOptions.LAKE_PATH);
        PipelineStreams streams = TelemetryPipeline.build(raw, ControlSources.create(env, cfg), cfg);
        LakeOutputs.attach(streams, lake, cfg);
        TimeSeriesOutputs.attach(streams, cfg);
        StateTableOutputs.attach(streams, cfg);
        StreamOutputs.attach(streams, cfg);
    }

    public static void run(FleetConfig cfg) throws Exception {
        StreamExecutionEnvironment env = Environments.create(cfg);
        define(env, cfg);
        long every = cfg.get(RunOptions.PROGRESS_INTERVAL).toMillis();
        if (!(env instanceof LocalStreamEnvironment) || every == 0) {
            Environments.execute(env, cfg, cfg.get(RunOptions.JOB_NAME));
            return;
        }
        // In this process Flink's own logs stay quiet (log4j-local): without these lines a running job says nothing.
        JobClient client = env.executeAsync(cfg.get(RunOptions.JOB_NAME));
        Progress.follow(client, System.out, every);
        Environments.markFinished(cfg, client.getJobExecutionResult().get().getJobID());
    }
}
