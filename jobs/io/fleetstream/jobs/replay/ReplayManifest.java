package io.fleetstream.jobs.replay;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.SourceOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * {@code _replay.json} next to a run's outputs: what was replayed (source, window, filters, every option given),
 * when, and what came out (counts per table). Written when the run starts (status running) and again when it ends
 * (finished or failed), so a run's folder always says what it holds.
 */
public final class ReplayManifest {
    private ReplayManifest() {}

    public static final String FILE = "_replay.json";

    /** Whether the run's folder already holds a run (its manifest). */
    public static boolean exists(ReplaySettings s) throws IOException {
        Path p = new Path(s.outputPath + "/" + FILE);
        return p.getFileSystem().exists(p);
    }

    /**
     * @param counts accumulator name to value ({@code rows.<table>}, {@code records.in}, ...); empty while running
     */
    public static void write(ReplaySettings s, FleetConfig cfg, String status, Instant started, Instant ended,
            Map<String, Long> counts, String error) throws IOException {
        Path p = new Path(s.outputPath + "/" + FILE);
        FileSystem fs = p.getFileSystem();
        try (OutputStream out = fs.create(p, FileSystem.WriteMode.OVERWRITE);
                JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("run_id", s.runId);
            g.writeStringField("status", status);
            g.writeStringField("source", cfg.get(SourceOptions.TYPE).name().toLowerCase(Locale.ROOT));
            g.writeStringField("from", s.from.toString());
            g.writeStringField("to", s.to.toString());
            SourceOptions.SourceType type = cfg.get(SourceOptions.TYPE);
            if (type == SourceOptions.SourceType.KAFKA || type == SourceOptions.SourceType.KINESIS) {
                // Read by arrival time: the window widened by the margin.
                g.writeStringField("margin", s.margin.toString());
                g.writeStringField("read_from", s.readFrom().toString());
                g.writeStringField("read_to", s.readTo().toString());
            }
            array(g, "devices", s.devices);
            array(g, "device_groups", s.groups);
            g.writeStringField("output_path", s.outputPath);
            g.writeStringField("started_at", started.toString());
            if (ended != null) {
                g.writeStringField("ended_at", ended.toString());
                g.writeNumberField("seconds", (ended.toEpochMilli() - started.toEpochMilli()) / 1000.0);
            }
            if (error != null) {
                g.writeStringField("error", error);
            }
            g.writeObjectFieldStart("counts");
            for (Map.Entry<String, Long> e : new TreeMap<>(counts).entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("options");
            for (Map.Entry<String, String> e : new TreeMap<>(cfg.asMap()).entrySet()) {
                g.writeStringField(e.getKey(), secret(e.getKey()) ? "****" : e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    /** Keys whose values must not be written down. */
    static boolean secret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("secret") || k.contains("password") || k.contains("token") || k.contains("jaas")
                || k.endsWith("access-key") || k.contains("credentials");
    }

    private static void array(JsonGenerator g, String name, Iterable<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
