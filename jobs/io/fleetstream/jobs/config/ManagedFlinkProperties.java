package io.fleetstream.jobs.config;

import com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Amazon Managed Service for Apache Flink passes configuration as runtime property groups. Every group is read
 * and its keys are used as they are, so a group can hold any fleetstream option (see
 * flink-conf/managed-flink-application-properties.json).
 */
final class ManagedFlinkProperties {
    private ManagedFlinkProperties() {}

    /** Where Managed Flink puts the property groups inside the application's container. */
    static final Path LOCATION = Path.of("/etc/flink/application_properties.json");

    /** Whether this JVM runs inside Managed Flink (its runtime properties file is present). */
    static boolean present() {
        return Files.isRegularFile(LOCATION);
    }

    static Map<String, String> read() {
        Map<String, String> m = new LinkedHashMap<>();
        if (!present()) {
            return m;
        }
        Map<String, Properties> groups;
        try {
            groups = KinesisAnalyticsRuntime.getApplicationProperties();
        } catch (IOException e) {
            throw new ConfigException("cannot read Managed Flink runtime properties: " + e.getMessage());
        }
        return merge(groups);
    }

    static Map<String, String> merge(Map<String, Properties> groups) {
        Map<String, String> m = new LinkedHashMap<>();
        groups.values().forEach(p -> p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k))));
        return m;
    }
}
