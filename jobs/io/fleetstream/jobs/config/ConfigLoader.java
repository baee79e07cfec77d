package io.fleetstream.jobs.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.Configuration;

/**
 * Reads options the same way from every place they can come from, lowest precedence first: defaults, a
 * {@code --config} file, Managed Flink's runtime property groups, then {@code --key value} flags. Every key must
 * be a fleetstream option, a {@code flink.} option or a {@code source.kafka.properties.} entry; every value must
 * parse and pass its option's check. Loaded for a command, the configuration must also keep the rules between options
 * that hold for it ({@link CrossRule}, declared in the {@code *Options} classes). All problems are reported at once,
 * before anything starts.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    public static final String CONFIG_FLAG = "config";

    /** Flags (and the file they name), plus Managed Flink's property groups when running there; each option checked. */
    public static FleetConfig load(String[] args) {
        return fromMap(given(args));
    }

    /** As {@link #load(String[])}, and the rules between options that hold for {@code command}. */
    public static FleetConfig load(Command command, String[] args) {
        return fromMap(command, given(args));
    }

    /** The options as given, before any check. */
    private static Map<String, String> given(String[] args) {
        Map<String, String> flags = Flags.parse(args);
        Map<String, String> merged = new LinkedHashMap<>();
        String file = flags.remove(CONFIG_FLAG);
        if (file != null) {
            merged.putAll(readFile(Path.of(file)));
        }
        merged.putAll(ManagedFlinkProperties.read());
        merged.putAll(flags);
        return merged;
    }

    /** Managed Flink starts the jar's main class without arguments; its options come from property groups. */
    public static boolean onManagedFlink() {
        return ManagedFlinkProperties.present();
    }

    /** Each option checked on its own; a command's rules between options are checked by {@link #fromMap(Command, Map)}. */
    public static FleetConfig fromMap(Map<String, String> raw) {
        return fromMap(null, raw);
    }

    /** Each option checked, then the rules between options that hold for {@code command} (none when it is null). */
    public static FleetConfig fromMap(Command command, Map<String, String> raw) {
        List<String> problems = new ArrayList<>();
        Set<String> bad = new HashSet<>();
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
                bad.add(key);
            } else {
                clean.put(key, value);
            }
        });
        FleetConfig cfg = new FleetConfig(clean);
        if (command != null) {
            for (CrossRule rule : FleetOptions.rules()) {
                // a rule over a value that did not parse would only repeat (or guess at) that value's problem
                if (rule.appliesTo(command) && Collections.disjoint(rule.keys(), bad)) {
                    String problem = rule.problem(cfg, command);
                    if (problem != null) {
                        problems.add(problem);
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ConfigException.of(problems);
        }
        return cfg;
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
