package io.fleetstream.jobs.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every fleetstream option, in the order the README's configuration reference lists them. */
public final class FleetOptions {
    private FleetOptions() {}

    /** Keys under this prefix are Flink's own options, passed to Flink with the prefix removed. */
    public static final String FLINK_PREFIX = "flink.";

    private static final Map<String, OptionSpec<?>> BY_KEY = index();

    private static final List<CrossRule> RULES = rulesOfAllSections();

    public static List<OptionSpec<?>> all() {
        return Collections.unmodifiableList(new ArrayList<>(BY_KEY.values()));
    }

    /** Every rule between options, section by section in the reference's order. */
    public static List<CrossRule> rules() {
        return RULES;
    }

    public static OptionSpec<?> spec(String key) {
        return BY_KEY.get(key);
    }

    private static Map<String, OptionSpec<?>> index() {
        Map<String, OptionSpec<?>> m = new LinkedHashMap<>();
        List<List<OptionSpec<?>>> sections = List.of(
                SourceOptions.SPECS, KinesisSourceOptions.SPECS, SimulatorOptions.SPECS, PipelineOptions.SPECS,
                AnomalyOptions.SPECS, AlarmOptions.SPECS, StreamOutputOptions.SPECS, TimeSeriesOptions.SPECS,
                DynamoDbOptions.SPECS, RunOptions.SPECS, LakeOptions.SPECS, ReplayOptions.SPECS);
        for (List<OptionSpec<?>> section : sections) {
            for (OptionSpec<?> s : section) {
                if (m.put(s.key(), s) != null) {
                    throw new IllegalStateException("option declared twice: " + s.key());
                }
            }
        }
        return m;
    }

    private static List<CrossRule> rulesOfAllSections() {
        List<CrossRule> all = new ArrayList<>();
        for (List<CrossRule> section : List.of(SourceOptions.RULES, KinesisSourceOptions.RULES,
                PipelineOptions.RULES, AnomalyOptions.RULES, AlarmOptions.RULES, StreamOutputOptions.RULES,
                TimeSeriesOptions.RULES, DynamoDbOptions.RULES, RunOptions.RULES, ReplayOptions.RULES)) {
            all.addAll(section);
        }
        return Collections.unmodifiableList(all);
    }
}
