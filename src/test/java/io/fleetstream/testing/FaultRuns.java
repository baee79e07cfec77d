package io.fleetstream.testing;

import io.fleetstream.jobs.commands.SimulateCommand;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.pipeline.LakeOutputs;
import io.fleetstream.jobs.pipeline.PipelineStreams;
import io.fleetstream.jobs.pipeline.TelemetryPipeline;
import io.fleetstream.jobs.sources.Sources;
import io.fleetstream.model.RawRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job as the fault tests run it, a faulted run and its uninterrupted reference alike: the telemetry pipeline
 * with anomalies, a lake, checkpoints every 300 ms and a restart strategy that rides out the fault.
 */
public final class FaultRuns {
    private FaultRuns() {}

    /**
     * The simulated fleet the fault tests feed the job: an hour of 20 devices, a reading every 30 s, with injected
     * faults (alarms, anomalies, dead letters), fixed by seed and start whatever the pace.
     */
    public static final Map<String, String> FLEET = Map.of("simulator.devices", "20", "simulator.duration", "1 h",
            "simulator.interval", "30 s", "simulator.fault-rate", "0.5", "simulator.start", "2025-11-20T00:00:00Z",
            "simulator.seed", "7");

    /**
     * Three hours of 30 devices, a reading every 30 s, with injected faults, as an NDJSON folder under {@code dir}:
     * a file input for the fault tests that read the fleet slowly, so faults fall inside the run.
     */
    public static Path simulatedFleetFile(Path dir) throws Exception {
        Path folder = dir.resolve("input");
        FleetConfig cfg = Pipelines.config(Map.of("simulate.path", folder.toString(),
                "simulator.devices", "30", "simulator.duration", "3 h", "simulator.interval", "30 s",
                "simulator.fault-rate", "0.5", "simulator.start", "2025-11-20T00:00:00Z"));
        SimulateCommand.run(cfg, new PrintStream(new ByteArrayOutputStream()));
        return folder;
    }

    /** The options both runs share; the caller adds its source and outputs (and may override any). */
    public static Map<String, String> options(Path lake, int restarts) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("lake.path", lake.toUri().toString());
        o.put("anomaly.enabled", "true");
        o.put("watermark.out-of-orderness", "3 min");
        o.put("parse.max-future", "3650 d");
        o.put("checkpoint.interval", "300 ms");
        o.put("flink.restart-strategy.type", "fixed-delay");
        o.put("flink.restart-strategy.fixed-delay.attempts", String.valueOf(restarts));
        o.put("flink.restart-strategy.fixed-delay.delay", "100 ms");
        return o;
    }

    /**
     * {@link #options} on the simulated {@link #FLEET}, sending {@code rate} readings a second (wall clock; 0: as
     * fast as it can), so a fault injected a few seconds in falls inside the run.
     */
    public static Map<String, String> simulated(Path lake, int restarts, int rate, int parallelism) {
        Map<String, String> o = options(lake, restarts);
        o.put("source.type", "simulator");
        o.putAll(FLEET);
        o.put("simulator.rate", String.valueOf(rate));
        o.put("flink.parallelism.default", String.valueOf(parallelism));
        return o;
    }

    /**
     * The pipeline on the configured source, with the lake attached; the caller attaches the outputs under test.
     * {@code slowly}: the faulted run reads about as fast as live data arrives, so its fault falls inside the run.
     */
    public static PipelineStreams pipeline(StreamExecutionEnvironment env, FleetConfig cfg, boolean slowly) {
        DataStream<RawRecord> raw = Sources.create(env, cfg);
        if (slowly) {
            raw = raw.map(new Slowly()).returns(TypeInformation.of(RawRecord.class)).name("slowly");
        }
        PipelineStreams streams = TelemetryPipeline.build(raw, cfg);
        LakeOutputs.attach(streams, cfg.asMap().get("lake.path"), cfg);
        return streams;
    }

    /** Where the run's checkpoints are (Pipelines.config gives each run a folder of its own). */
    public static Path checkpoints(FleetConfig cfg) {
        return Path.of(URI.create(cfg.asMap().get("checkpoint.dir")));
    }
}
