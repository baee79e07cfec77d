package io.fleetstream.testing;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;

/**
 * Turns generic (Kryo) types off, as {@code pipeline.generic-types: false} does in the jobs, so a record or state
 * type that would fall back to Kryo fails the test. One way for both Flink lines: 2.x dropped
 * {@code ExecutionConfig.disableGenericTypes()}.
 */
public final class NoKryo {
    private NoKryo() {}

    public static void on(ExecutionConfig config) {
        Configuration c = new Configuration();
        c.set(PipelineOptions.GENERIC_TYPES, false);
        config.getSerializerConfig().configure(c, NoKryo.class.getClassLoader());
    }
}
