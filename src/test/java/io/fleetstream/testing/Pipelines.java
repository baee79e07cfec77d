package io.fleetstream.testing;

import io.fleetstream.jobs.config.ConfigLoader;
import io.fleetstream.jobs.config.FleetConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** Configuration shared by pipeline tests. */
public final class Pipelines {
    private Pipelines() {}

    /**
     * Test defaults: frequent checkpoints to a temporary folder (files commit on them), no restarts (a failure fails the test instead of
     * looping), frequent watermarks, and Kryo forbidden.
     */
    public static FleetConfig config(Map<String, String> options) {
        Map<String, String> m = new LinkedHashMap<>();
        // On a folder: JobManager memory would refuse checkpoints over 5 MB (anomaly models pass that).
        try {
            m.put("checkpoint.dir", java.nio.file.Files.createTempDirectory("checkpoints").toUri().toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        m.put("checkpoint.interval", "500 ms");
        m.put("flink.restart-strategy.type", "none");
        m.put("flink.pipeline.auto-watermark-interval", "10 ms");
        m.put("flink.pipeline.generic-types", "false");
        m.putAll(options);
        return ConfigLoader.fromMap(m);
    }
}
