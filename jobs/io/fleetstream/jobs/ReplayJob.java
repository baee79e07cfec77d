package io.fleetstream.jobs;

import static io.fleetstream.jobs.config.ReplayOptions.WRITE_STATE_TABLE;
import static io.fleetstream.jobs.config.ReplayOptions.WRITE_STREAMS;
import static io.fleetstream.jobs.config.ReplayOptions.WRITE_TIMESERIES;

import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.RunOptions;
import io.fleetstream.jobs.pipeline.LakeOutputs;
import io.fleetstream.jobs.pipeline.PipelineStreams;
import io.fleetstream.jobs.pipeline.StateTableOutputs;
import io.fleetstream.jobs.pipeline.StreamOutputs;
import io.fleetstream.jobs.pipeline.TelemetryPipeline;
import io.fleetstream.jobs.pipeline.TimeSeriesOutputs;
import io.fleetstream.jobs.replay.ReplaySettings;
import io.fleetstream.jobs.sources.ReplaySources;
import io.fleetstream.model.RawRecord;
import io.fleetstream.replay.ReplayFilter;
import io.fleetstream.replay.progress.TrackPositions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A replay: a bounded window of history through the live job's pipeline, with the live job's configuration. Only
 * readings whose event time is in {@code [replay.from, replay.to)} (and of the devices and groups asked for) go on
 * after parsing; the outputs go to the run's own lake, through the live job's {@link LakeOutputs} and lake.*
 * options, so a back-fill writes the files the live job would. The live job's other outputs (the current-state
 * table, the time-series store, the alarm and anomaly streams) are written only when the replay.write-* options ask
 * for them.
 */
public final class ReplayJob {
    private ReplayJob() {}

    /** The configuration a replay runs with: as given, with a job name that names the run unless one was given. */
    public static FleetConfig config(FleetConfig cfg, ReplaySettings s) {
        Map<String, String> m = new LinkedHashMap<>();
        if (!cfg.isSet(RunOptions.JOB_NAME)) {
            // Also the Kafka sinks' transactional-id prefix (streams.kafka.transactional-id-prefix empty), which must
            // differ from the live job's.
            m.put(RunOptions.JOB_NAME.key(), "fleetstream-" + s.runId);
        }
        if (!cfg.asMap().containsKey("flink.heartbeat.interval")) {
            // In-process, accumulators (the progress lines) reach the client with heartbeats.
            m.put("flink.heartbeat.interval", "2000");
        }
        return m.isEmpty() ? cfg : cfg.with(m);
    }

    /** Adds the replay to {@code env}; the caller executes it. */
    public static void define(StreamExecutionEnvironment env, FleetConfig cfg, ReplaySettings s) {
        DataStream<RawRecord> raw = ReplaySources.create(env, cfg, s)
                .process(new TrackPositions()).returns(TypeInformation.of(RawRecord.class))
                .uid("replay-positions").name("replay positions");
        PipelineStreams streams = TelemetryPipeline.build(raw, ReplaySources.control(env, cfg, s), cfg,
                new ReplayFilter(s.from.toEpochMilli(), s.to.toEpochMilli(), s.devices, s.groups));
        LakeOutputs.attach(streams, s.outputPath, cfg);
        if (cfg.get(WRITE_TIMESERIES)) {
            TimeSeriesOutputs.attach(streams, cfg);
        }
        if (cfg.get(WRITE_STATE_TABLE)) {
            StateTableOutputs.attach(streams, cfg);
        }
        if (cfg.get(WRITE_STREAMS)) {
            StreamOutputs.attach(streams, cfg);
        }
    }
}
