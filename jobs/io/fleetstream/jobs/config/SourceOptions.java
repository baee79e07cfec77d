package io.fleetstream.jobs.config;

import java.util.Arrays;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Where telemetry comes from. */
public final class SourceOptions {
    private SourceOptions() {}

    public enum SourceType { KINESIS, KAFKA, SIMULATOR, FILE, LAKE }

    public enum KafkaStart { EARLIEST, LATEST, COMMITTED, TIMESTAMP }

    private static final Specs S = new Specs("Source");

    public static final ConfigOption<SourceType> TYPE = S.oneOf(ConfigOptions.key("source.type")
            .enumType(SourceType.class).defaultValue(SourceType.SIMULATOR)
            .withDescription("Where telemetry comes from. lake is for the replay command only: it reads the "
                    + "readings table of lake.path."), SourceType.class);

    public static final ConfigOption<String> FILE_PATH = S.text(ConfigOptions.key("source.file.path")
            .stringType().noDefaultValue()
            .withDescription("NDJSON file or folder (read recursively; hidden files skipped) for source.type file. "
                    + "Bounded: the job finishes when the input is read."));

    public static final ConfigOption<String> KAFKA_BOOTSTRAP = S.text(ConfigOptions.key("source.kafka.bootstrap-servers")
            .stringType().noDefaultValue()
            .withDescription("Kafka bootstrap servers (host:port,...) for source.type kafka."));

    public static final ConfigOption<String> KAFKA_TOPICS = S.add(ConfigOptions.key("source.kafka.topics")
            .stringType().defaultValue("telemetry")
            .withDescription("Comma-separated Kafka topics to read."),
            v -> topics(v).length > 0, "comma-separated topic names, at least one");

    /** The topics source.kafka.topics names. */
    public static String[] topics(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(t -> !t.isEmpty())
                .toArray(String[]::new);
    }

    public static final ConfigOption<String> KAFKA_GROUP = S.text(ConfigOptions.key("source.kafka.group-id")
            .stringType().defaultValue("fleetstream")
            .withDescription("Kafka consumer group; offsets are committed on checkpoints."));

    public static final ConfigOption<KafkaStart> KAFKA_START = S.oneOf(ConfigOptions.key("source.kafka.starting-offsets")
            .enumType(KafkaStart.class).defaultValue(KafkaStart.COMMITTED)
            .withDescription("Where a new job starts reading: earliest, latest, the group's committed offsets "
                    + "(earliest when there are none), or timestamp (source.kafka.starting-timestamp)."),
            KafkaStart.class);

    public static final ConfigOption<String> KAFKA_START_TIME = S.instant(ConfigOptions.key("source.kafka.starting-timestamp")
            .stringType().noDefaultValue()
            .withDescription("ISO-8601 instant to start from when source.kafka.starting-offsets is timestamp."));

    public enum KafkaStop { NONE, LATEST }

    public static final ConfigOption<KafkaStop> KAFKA_STOP = S.oneOf(ConfigOptions.key("source.kafka.stopping-offsets")
            .enumType(KafkaStop.class).defaultValue(KafkaStop.NONE)
            .withDescription("none reads without end; latest stops at the offsets that are latest when the job "
                    + "starts, so the job finishes (a one-off back-fill)."), KafkaStop.class);

    /** Keys under this prefix are passed to the Kafka consumer as they are (e.g. security settings for MSK). */
    public static final String KAFKA_PROPERTIES_PREFIX = "source.kafka.properties.";

    static final List<OptionSpec<?>> SPECS = S.list();

    /** Declared after the options: an option class whose rules name another's options may be loaded by that one's. */
    static final List<CrossRule> RULES = S.rules(
            Rules.requiredWhen(FILE_PATH, When.is(TYPE, SourceType.FILE), "an NDJSON file or folder to read")
                    .in(Command.PIPELINE),
            Rules.requiredWhen(KAFKA_BOOTSTRAP, When.is(TYPE, SourceType.KAFKA),
                    "the Kafka bootstrap servers (host:port,...)").in(Command.PIPELINE),
            Rules.requiredWhen(KAFKA_START_TIME, When.is(TYPE, SourceType.KAFKA)
                            .and(When.is(KAFKA_START, KafkaStart.TIMESTAMP)),
                    "an ISO-8601 instant such as 2025-11-20T00:00:00Z").in(Command.LIVE_SOURCE),
            Rules.requiredWhen(KinesisSourceOptions.STREAM_ARN, When.is(TYPE, SourceType.KINESIS),
                    AwsNames.STREAM_ARN_EXAMPLE).in(Command.PIPELINE),
            Rules.requiredWhen(RunOptions.LAKE_PATH, When.is(TYPE, SourceType.LAKE),
                    "the lake whose readings table the replay reads").in(Command.REPLAY),
            Rules.check("source.type is not lake: the lake source is for the replay command",
                    (cfg, c) -> cfg.get(TYPE) != SourceType.LAKE ? null : "invalid value 'lake' for option "
                            + "'source.type': the lake source is for the replay command (replay --source.type lake "
                            + "--replay.from ... --replay.to ...)", TYPE).in(Command.LIVE_SOURCE),
            Rules.check("source.type is not simulator: a replay reads recorded history",
                    (cfg, c) -> cfg.get(TYPE) != SourceType.SIMULATOR ? null : "invalid value "
                            + Rules.quoted(cfg, TYPE) + " for option 'source.type' with replay: expected kinesis, "
                            + "kafka, lake or file (a replay reads recorded history)", TYPE).in(Command.REPLAY));
}
