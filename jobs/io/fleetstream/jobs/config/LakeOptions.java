package io.fleetstream.jobs.config;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/** The lake's part files: how big they get, and whether Flink merges small ones. */
public final class LakeOptions {
    private LakeOptions() {}

    private static final Specs S = new Specs("Lake files");

    public static final ConfigOption<MemorySize> ROLLING_MAX_SIZE = S.size(ConfigOptions.key("lake.rolling.max-size")
            .memoryType().defaultValue(MemorySize.ofMebiBytes(128))
            .withDescription("A part file is closed once this much has reached it (Parquet holds up to a 16 mb row "
                    + "group in memory first), and on every checkpoint in any case; also the size at which "
                    + "compaction merges a partition's files early."), MemorySize.parse("1 kb"));

    public static final ConfigOption<Duration> ROLLING_MAX_AGE = S.positive(ConfigOptions.key("lake.rolling.max-age")
            .durationType().defaultValue(Duration.ofMinutes(15))
            .withDescription("A part file is closed once it has been open this long (processing time), and on every "
                    + "checkpoint in any case: it matters when checkpoints are further apart."));

    public static final ConfigOption<Boolean> COMPACTION_ENABLED = S.bool(ConfigOptions.key("lake.compaction.enabled")
            .booleanType().defaultValue(false)
            .withDescription("Merge each partition's part files of lake.compaction.checkpoints checkpoints into one "
                    + "compacted-part-*.parquet file (Flink's file compaction; rows are read back and written "
                    + "again). Rows reach readers when their files are merged, so later than without."));

    public static final ConfigOption<Integer> COMPACTION_CHECKPOINTS = S.atLeast(ConfigOptions.key(
            "lake.compaction.checkpoints").intType().defaultValue(5)
            .withDescription("With lake.compaction.enabled: how many checkpoints' files are merged into one (fewer "
                    + "once they add up to lake.rolling.max-size)."), 1);

    static final List<OptionSpec<?>> SPECS = S.list();
}
