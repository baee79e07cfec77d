package io.fleetstream.jobs.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/**
 * Reads options the same way from every place they can come from, lowest precedence first: defaults, a
 * {@code --config} file, Managed Flink's runtime property groups, then {@code --key value} flags. Every key must
 * be a fleetstream option, a {@code flink.} option or a {@code source.kafka.properties.} entry; every value must
 * parse and pass its option's check. All problems are reported at once, before anything starts.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    public static final String CONFIG_FLAG = "config";

    /** Flags (and the file they name), plus Managed Flink's property groups when running there. */
    public static FleetConfig load(String[] args) {
        Map<String, String> flags = Flags.parse(args);
        Map<String, String> merged = new LinkedHashMap<>();
        String file = flags.remove(CONFIG_FLAG);
        if (file != null) {
            merged.putAll(readFile(Path.of(file)));
        }
        merged.putAll(ManagedFlinkProperties.read());
        merged.putAll(flags);
        return fromMap(merged);
    }

    /** Managed Flink starts the jar's main class without arguments; its options come from property groups. */
    public static boolean onManagedFlink() {
        return ManagedFlinkProperties.present();
    }

    public static FleetConfig fromMap(Map<String, String> raw) {
        List<String> problems = new ArrayList<>();
        Map<String, String> clean = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            String key = k.trim();
            String value = v == null ? "" : v.trim();
            if (key.startsWith(FleetOptions.FLINK_PREFIX) || key.startsWith(SourceOptions.KAFKA_PROPERTIES_PREFIX)) {
                clean.put(key, value);
                return;
            }
            OptionSpec<?> spec = FleetOptions.spec(key);
            if (spec == null) {
                problems.add("unknown option '" + key + "'" + Suggestions.didYouMean(key));
                return;
            }
            String problem = check(spec, value);
            if (problem != null) {
                problems.add(problem);
            } else {
                clean.put(key, value);
            }
        });
        if (!problems.isEmpty()) {
            throw ConfigException.of(problems);
        }
        return new FleetConfig(clean);
    }

    private static <T> String check(OptionSpec<T> spec, String value) {
        T parsed;
        try {
            Configuration c = new Configuration();
            c.setString(spec.key(), value);
            parsed = c.get(spec.option());
        } catch (RuntimeException e) {
            parsed = null;
        }
        if (parsed == null || !spec.accepts(parsed)) {
            return "invalid value '" + value + "' for option '" + spec.key() + "': expected " + spec.accepted();
        }
        return null;
    }

    /** A flat YAML ({@code key: value}) or properties ({@code key=value}) file. */
    static Map<String, String> readFile(Path path) {
        Map<String, String> m = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read --config file " + path + ": " + e.getMessage());
        }
        int n = 0;
        for (String line : lines) {
            n++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#") || s.equals("---")) {
                continue;
            }
            int colon = s.indexOf(": ");
            int eq = s.indexOf('=');
            int cut = colon > 0 && (eq < 0 || colon < eq) ? colon : eq;
            if (s.endsWith(":") && colon < 0) {
                cut = s.length() - 1;
            }
            if (cut <= 0) {
                throw new ConfigException(path + " line " + n + ": expected 'key: value', got '" + s + "'");
            }
            String value = s.substring(cut + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            m.put(s.substring(0, cut).strip(), value);
        }
        return m;
    }
}
