package io.fleetstream.jobs.config;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * A validated configuration: fleetstream's options (typed, with defaults) plus the Flink options that were passed
 * with the {@code flink.} prefix. Built by {@link ConfigLoader}; immutable.
 */
public final class FleetConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, String> values;

    FleetConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static FleetConfig defaults() {
        return ConfigLoader.fromMap(Map.of());
    }

    public <T> T get(ConfigOption<T> option) {
        return asFlinkConfiguration().get(option);
    }

    public boolean isSet(ConfigOption<?> option) {
        return values.containsKey(option.key());
    }

    /** A text option's value, trimmed; null when it is not set or blank (the rules between options: not given). */
    public String text(ConfigOption<String> option) {
        String v = get(option);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** A text option that defaults to another one: its own value when set and not blank, otherwise the fallback's. */
    public String textOr(ConfigOption<String> option, ConfigOption<String> fallback) {
        String own = get(option);
        return own != null && !own.isBlank() ? own.trim() : get(fallback);
    }

    /** A copy with more values (validated again). */
    public FleetConfig with(Map<String, String> overrides) {
        Map<String, String> m = new LinkedHashMap<>(values);
        m.putAll(overrides);
        return ConfigLoader.fromMap(m);
    }

    public Map<String, String> asMap() {
        return values;
    }

    public Configuration asFlinkConfiguration() {
        return Configuration.fromMap(values);
    }

    /** Options given with the {@code flink.} prefix, for the execution environment. */
    public Configuration flinkOptions() {
        Configuration c = new Configuration();
        values.forEach((k, v) -> {
            if (k.startsWith(FleetOptions.FLINK_PREFIX)) {
                c.setString(k.substring(FleetOptions.FLINK_PREFIX.length()), v);
            }
        });
        return c;
    }

    /** Entries under a prefix, with the prefix removed. */
    public Properties withPrefix(String prefix) {
        Properties p = new Properties();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                p.setProperty(k.substring(prefix.length()), v);
            }
        });
        return p;
    }
}
