package io.fleetstream.jobs.config;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/** The per-device anomaly detector (a random cut forest per device, in keyed state). */
public final class AnomalyOptions {
    private AnomalyOptions() {}

    private static final Specs S = new Specs("Anomaly");

    public static final ConfigOption<Boolean> ENABLED = S.bool(ConfigOptions.key("anomaly.enabled")
            .booleanType().defaultValue(true)
            .withDescription("Score every device's readings with its own random cut forest (or its group's: "
                    + "anomaly.key-by). Decoded models are cached on the heap (anomaly.cache.max-bytes), so a "
                    + "reading costs a score and an update, not a decode (see README, Anomaly scores)."));

    /** What one forest models: one device, or all devices of a device group together. */
    public enum KeyBy { DEVICE, GROUP }

    public static final ConfigOption<KeyBy> KEY_BY = S.oneOf(ConfigOptions.key("anomaly.key-by")
            .enumType(KeyBy.class).defaultValue(KeyBy.DEVICE)
            .withDescription("device: one forest per device, learning that device's own normal. group: one forest "
                    + "per device group, learning what a normal device of the group looks like (far fewer models; a "
                    + "device unlike its peers scores high); needs anomaly.shingle 1, and a metric missing from a "
                    + "reading counts as the group's mean."), KeyBy.class);

    public static final ConfigOption<String> METRICS = S.text(ConfigOptions.key("anomaly.metrics")
            .stringType().defaultValue("")
            .withDescription("Comma-separated metrics to model; empty: every metric of a device's first reading."));

    public static final ConfigOption<Integer> TREES = S.atLeast(ConfigOptions.key("anomaly.trees")
            .intType().defaultValue(50).withDescription("Trees per device forest."), 1);

    public static final ConfigOption<Integer> SAMPLES = S.atLeast(ConfigOptions.key("anomaly.samples")
            .intType().defaultValue(256).withDescription("Points sampled per tree."), 4);

    public static final ConfigOption<Integer> SHINGLE = S.atLeast(ConfigOptions.key("anomaly.shingle")
            .intType().defaultValue(4)
            .withDescription("Consecutive readings per scored point, so changes of shape are seen, not only values."),
            1);

    public static final ConfigOption<Double> RATE = S.fraction(ConfigOptions.key("anomaly.rate")
            .doubleType().defaultValue(0.005)
            .withDescription("Expected share of anomalous readings: sets the grade's threshold."));

    public static final ConfigOption<Long> SEED = S.anyLong(ConfigOptions.key("anomaly.seed")
            .longType().defaultValue(42L)
            .withDescription("Seed of the forests (each device's is derived from it): same seed, same scores."));

    public static final ConfigOption<Duration> MODEL_TTL = S.positive(ConfigOptions.key("anomaly.model-ttl")
            .durationType().defaultValue(Duration.ofDays(7))
            .withDescription("A device silent this long (event time) loses its model."));

    public static final ConfigOption<MemorySize> CACHE_MAX_BYTES = S.size(ConfigOptions.key("anomaly.cache.max-bytes")
            .memoryType().defaultValue(MemorySize.ZERO)
            .withDescription("Heap each anomaly subtask may fill with decoded models, so a hot device's model is "
                    + "decoded once, not once per reading; models leave least recently used first and are written to "
                    + "state then and before every checkpoint. 0: 30% of the JVM's heap, shared by the subtasks in the "
                    + "JVM. Unused with the heap state backend, whose state already holds decoded models."),
            MemorySize.ZERO);

    static final List<OptionSpec<?>> SPECS = S.list();

    static final List<CrossRule> RULES = S.rules(
            Rules.expect(SHINGLE, 1, When.isTrue(ENABLED).and(When.is(KEY_BY, KeyBy.GROUP)),
                    "(a shingle would string together readings of different devices)").in(Command.PIPELINE));
}
