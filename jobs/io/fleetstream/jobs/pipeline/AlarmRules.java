package io.fleetstream.jobs.pipeline;

import io.fleetstream.jobs.config.AlarmOptions;
import io.fleetstream.jobs.config.ConfigException;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.operators.alarm.rules.RuleSet;
import io.fleetstream.operators.alarm.rules.RulesFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.fs.FileSystem;

/**
 * Loads the job's alarm rules when the job is built, so a bad rules file stops it before it reads anything. The
 * path goes through Flink's file systems: a local path, {@code file://}, or {@code s3://} where the cluster has the
 * S3 file system (Managed Flink applications keep their rules next to the jar on S3). A rules file replaces the
 * built-in rules entirely: nothing of them (not their offline or anomaly-burst rule either) is added to it. The
 * {@code rules} command reads files through here too, so it checks exactly what the job would run.
 */
public final class AlarmRules {
    /** The rules shipped for the simulator's device kinds. */
    static final String DEFAULT_RULES = "io/fleetstream/jobs/default-rules.yaml";

    private AlarmRules() {}

    static RuleSet load(FleetConfig cfg) {
        String path = cfg.get(AlarmOptions.RULES_PATH).trim();
        if (path.isEmpty()) {
            return builtIn();
        }
        String text;
        try {
            text = read(path);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("invalid value '" + path + "' for option '" + AlarmOptions.RULES_PATH.key()
                    + "': cannot read it (" + e.getMessage() + "); expected a YAML or JSON rules file (local path, "
                    + "file:// or s3://), or empty for the built-in rules");
        }
        try {
            return RulesFile.parse(text, path);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid rules file for option '" + AlarmOptions.RULES_PATH.key() + "': "
                    + e.getMessage());
        }
    }

    /** The rules the job runs with when {@code rules.path} is empty. */
    public static RuleSet builtIn() {
        return RulesFile.loadResource(DEFAULT_RULES);
    }

    /** The text of a rules file at {@code path} as the job reads it; parse it with {@link RulesFile#parse}. */
    public static String read(String path) throws IOException {
        URI uri = URI.create(path.contains("://") ? path : java.nio.file.Path.of(path).toAbsolutePath().toUri()
                .toString());
        org.apache.flink.core.fs.Path p = new org.apache.flink.core.fs.Path(uri);
        FileSystem fs = p.getFileSystem();
        try (InputStream in = fs.open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
