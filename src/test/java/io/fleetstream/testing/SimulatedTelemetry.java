package io.fleetstream.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code fleetstream telemetry} on a simulated fleet whose readings are fixed by seed and start whatever the pace, on
 * RocksDB with incremental checkpoints every half second: the run the process-level fault and upgrade tests kill,
 * stop and resume, and compare lake for lake with an uninterrupted one.
 */
public final class SimulatedTelemetry {
    private SimulatedTelemetry() {}

    /** @param rate readings a second (0: as fast as it goes); extra options are added last and win */
    public static List<String> args(Path lake, Path checkpoints, String rate, String seed, Map<String, String> extra) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("source.type", "simulator");
        o.put("simulator.devices", "20");
        o.put("simulator.duration", "2 h");
        o.put("simulator.interval", "30 s");
        o.put("simulator.fault-rate", "0.5");
        o.put("simulator.start", "2025-11-20T00:00:00Z");
        o.put("simulator.seed", seed);
        o.put("simulator.rate", rate);
        o.put("anomaly.enabled", "true");
        o.put("watermark.out-of-orderness", "3 min");
        o.put("lake.path", lake.toUri().toString());
        o.put("checkpoint.dir", checkpoints.toUri().toString());
        o.put("checkpoint.interval", "500 ms");
        o.put("flink.state.backend.type", "rocksdb");
        o.put("flink.execution.checkpointing.incremental", "true");
        // one parser: with two, whether a reading is late depends on how far the other parser's watermark has got,
        // which is timing, not input (the file tests read one split, so one parser carries everything)
        o.put("flink.parallelism.default", "1");
        o.put("flink.pipeline.generic-types", "false");
        o.putAll(extra);
        List<String> a = new ArrayList<>(List.of("telemetry"));
        o.forEach((k, v) -> a.addAll(List.of("--" + k, v)));
        return a;
    }
}
