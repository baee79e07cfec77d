package io.fleetstream.jobs.config;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Parsing, event time, dedup, rollups and current state. */
public final class PipelineOptions {
    private PipelineOptions() {}

    private static final Specs S = new Specs("Pipeline");

    public static final ConfigOption<Integer> MAX_RECORD_BYTES = S.atLeast(ConfigOptions.key("parse.max-record-bytes")
            .intType().defaultValue(1 << 20)
            .withDescription("Larger records are dead letters (RECORD_TOO_LARGE)."), 64);

    public static final ConfigOption<Duration> MAX_FUTURE = S.positive(ConfigOptions.key("parse.max-future")
            .durationType().defaultValue(Duration.ofHours(1))
            .withDescription("How far a timestamp may be ahead of the record's ingest time (FUTURE_TIMESTAMP past it)."));

    public static final ConfigOption<String> DEFAULT_GROUP = S.text(ConfigOptions.key("parse.default-group")
            .stringType().defaultValue("default").withDescription("Device group of records that name none."));

    public static final ConfigOption<Integer> MAX_RAW_BYTES = S.atLeast(ConfigOptions.key("dead-letter.max-raw-bytes")
            .intType().defaultValue(4096)
            .withDescription("A dead letter keeps at most this many bytes of the raw payload."), 16);

    public static final ConfigOption<Duration> OUT_OF_ORDERNESS = S.nonNegativeDuration(
            ConfigOptions.key("watermark.out-of-orderness").durationType().defaultValue(Duration.ofSeconds(30))
                    .withDescription("How late in event time a reading may arrive before windows close without it."));

    public static final ConfigOption<Duration> IDLENESS = S.positive(ConfigOptions.key("watermark.idleness")
            .durationType().defaultValue(Duration.ofMinutes(1))
            .withDescription("A parallel input with no data for this long (processing time) stops holding back "
                    + "the watermark."));

    public static final ConfigOption<Duration> DEDUP_RETENTION = S.positive(ConfigOptions.key("dedup.retention")
            .durationType().defaultValue(Duration.ofMinutes(10))
            .withDescription("How long (event time) a reading's identity is remembered to drop its duplicates."));

    public static final ConfigOption<Duration> TUMBLING_SIZE = S.positive(ConfigOptions.key("rollup.tumbling.size")
            .durationType().defaultValue(Duration.ofMinutes(1)).withDescription("Size of the tumbling rollup window."));

    public static final ConfigOption<Duration> SLIDING_SIZE = S.positive(ConfigOptions.key("rollup.sliding.size")
            .durationType().defaultValue(Duration.ofMinutes(5)).withDescription("Size of the sliding rollup window."));

    public static final ConfigOption<Duration> SLIDING_SLIDE = S.positive(ConfigOptions.key("rollup.sliding.slide")
            .durationType().defaultValue(Duration.ofMinutes(1))
            .withDescription("Slide of the sliding rollup window (at most its size)."));

    public static final ConfigOption<Duration> ALLOWED_LATENESS = S.nonNegativeDuration(
            ConfigOptions.key("rollup.allowed-lateness").durationType().defaultValue(Duration.ofMinutes(2))
                    .withDescription("After a window fired, late readings within this much event time update it "
                            + "(a new revision); later ones go to the late_readings table."));

    public static final ConfigOption<Duration> STATE_EMIT_INTERVAL = S.positive(ConfigOptions.key("state.emit-interval")
            .durationType().defaultValue(Duration.ofSeconds(10))
            .withDescription("A device's current state is emitted at most once per this much event time."));

    public static final ConfigOption<Duration> STATE_DEVICE_TTL = S.positive(ConfigOptions.key("state.device-ttl")
            .durationType().defaultValue(Duration.ofDays(7))
            .withDescription("A device silent this long (event time) is dropped from the job's state."));

    static final List<OptionSpec<?>> SPECS = S.list();

    static final List<CrossRule> RULES = S.rules(
            Rules.atMost(SLIDING_SLIDE, SLIDING_SIZE).in(Command.PIPELINE),
            // Sliced rollups take only a slide that divides the size, so that a sliding window is whole slides.
            Rules.check("rollup.sliding.slide divides rollup.sliding.size evenly", (cfg, c) -> {
                long size = cfg.get(SLIDING_SIZE).toMillis();
                long slide = cfg.get(SLIDING_SLIDE).toMillis();
                if (slide > size || slide >= 1 && size % slide == 0) {
                    return null;
                }
                return "invalid value " + Rules.quoted(cfg, SLIDING_SLIDE) + " for option '" + SLIDING_SLIDE.key()
                        + "': expected a whole number of milliseconds that divides " + SLIDING_SIZE.key() + " ("
                        + Rules.quoted(cfg, SLIDING_SIZE) + ") evenly";
            }, SLIDING_SLIDE, SLIDING_SIZE).in(Command.PIPELINE));
}
