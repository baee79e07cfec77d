package io.fleetstream.sinks.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.jobs.pipeline.LakeOutputs;
import io.fleetstream.jobs.pipeline.PipelineStreams;
import io.fleetstream.jobs.pipeline.TelemetryPipeline;
import io.fleetstream.jobs.simulator.FleetSimulator;
import io.fleetstream.jobs.sources.Simulators;
import io.fleetstream.jobs.sources.Sources;
import io.fleetstream.model.RawRecord;
import io.fleetstream.lake.LakeReader;
import io.fleetstream.testing.FailOnceAfterACheckpoint;
import io.fleetstream.testing.Pipelines;
import io.fleetstream.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lake and the checkpoints on S3 (s3proxy, its own process) through Flink's S3 file system: a job that fails
 * after a checkpoint restarts from that checkpoint on S3, and the lake's multipart part files still hold every
 * reading exactly once.
 */
class S3LakeTest {
    private static final String BUCKET = "fleet";

    static S3ProxyServer s3;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyServer.start(BUCKET);
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void aFailureAfterACheckpointOnS3LosesAndDuplicatesNothingInTheS3Lake() throws Exception {
        Map<String, String> options = new LinkedHashMap<>(s3.flinkOptions());
        options.putAll(Map.of(
                "source.type", "simulator",
                "simulator.devices", "30",
                "simulator.duration", "2 h",
                "simulator.start", "2025-11-20T00:00:00Z",
                "lake.path", "s3://" + BUCKET + "/lake",
                "checkpoint.dir", "s3://" + BUCKET + "/checkpoints",
                "flink.restart-strategy.type", "fixed-delay",
                "flink.restart-strategy.fixed-delay.attempts", "2",
                "flink.restart-strategy.fixed-delay.delay", "0 s",
                "flink.parallelism.default", "2"));
        options.put("checkpoint.interval", "1 s");
        FleetConfig cfg = Pipelines.config(options);
        StreamExecutionEnvironment env = Environments.create(cfg);
        DataStream<RawRecord> raw = Sources.create(env, cfg)
                .map(FailOnceAfterACheckpoint.reset()).uid("fail-once").name("fail once");
        PipelineStreams streams = TelemetryPipeline.build(raw, cfg);
        LakeOutputs.attach(streams, cfg.get(io.fleetstream.jobs.config.RunOptions.LAKE_PATH), cfg);
        env.execute("s3-lake");

        assertThat(FailOnceAfterACheckpoint.FAILED).as("the job failed once and recovered").isTrue();
        Map<String, Double> expected = new HashMap<>();
        FleetSimulator simulator = Simulators.create(cfg);
        simulator.forEachReading(r -> {
            if (r.valid()) {
                r.metrics().forEach((m, v) -> expected.put(r.deviceId() + "|" + r.timestamp() + "|" + m, v));
            }
        });
        Map<String, Double> lake = new HashMap<>();
        List<Map<String, Object>> rows = LakeReader.read(s3.bucketDir(BUCKET).resolve("lake"), "readings");
        for (Map<String, Object> row : rows) {
            String key = row.get("device_id") + "|" + row.get("event_time") + "|" + row.get("metric");
            assertThat(lake.put(key, (Double) row.get("value"))).as("written once: %s", key).isNull();
        }
        assertThat(lake).isEqualTo(expected);
        // A finished job discards its checkpoints; the job's checkpoint folders on S3 stay.
        try (Stream<Path> files = Files.walk(s3.bucketDir(BUCKET).resolve("checkpoints"), 2)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("the job checkpointed to S3")
                    .contains("shared", "taskowned");
        }
    }
}
