package io.fleetstream.jobs.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/**
 * Checks of the local paths a run in this process reads and writes, made before its job is built: a missing input
 * file otherwise shows only as a source that fails and restarts, and a lake folder that cannot be written as a
 * sink that does the same. Paths on other file systems (s3://, hdfs://) are the cluster's to reach, not ours.
 */
public final class LocalPaths {
    private LocalPaths() {}

    /** Throws one {@link ConfigException} naming every local path problem of {@code cfg} at once. */
    public static void check(FleetConfig cfg) {
        List<String> problems = new ArrayList<>();
        if (cfg.get(SourceOptions.TYPE) == SourceOptions.SourceType.FILE && cfg.isSet(SourceOptions.FILE_PATH)) {
            Path input = localPath(cfg.get(SourceOptions.FILE_PATH));
            if (input != null && !Files.isReadable(input)) {
                problems.add(problem(SourceOptions.FILE_PATH, cfg.get(SourceOptions.FILE_PATH),
                        Files.exists(input) ? "it cannot be read" : "no such file or folder"));
            }
        }
        if (cfg.isSet(RunOptions.LAKE_PATH)) {
            Path lake = localPath(cfg.get(RunOptions.LAKE_PATH));
            if (lake != null && !creatable(lake)) {
                problems.add(problem(RunOptions.LAKE_PATH, cfg.get(RunOptions.LAKE_PATH),
                        "it is not a folder this process can create or write"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("\n", problems));
        }
    }

    private static String problem(ConfigOption<String> option, String value, String why) {
        return "invalid value '" + value + "' for option '" + option.key() + "': " + why;
    }

    /** The local path a value names (a plain path or a file: URI), null when it is on another file system. */
    static Path localPath(String value) {
        String v = value.trim();
        if (v.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(v);
            if (uri.getScheme() == null) {
                return Paths.get(v);
            }
            if (uri.getScheme().equals("file")) {
                return Paths.get(uri.getPath());
            }
            return null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            // not a URI: a plain path with characters a URI does not allow (spaces, ...)
            return v.contains("://") ? null : Paths.get(v);
        }
    }

    /** Whether the folder exists and is writable, or its nearest existing ancestor is one it could be made in. */
    private static boolean creatable(Path folder) {
        Path p = folder.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p != null && Files.isDirectory(p) && Files.isWritable(p);
    }
}
