package io.fleetstream.jobs.config;

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

    public static final ConfigOption<String> KAFKA_TOPICS = S.text(ConfigOptions.key("source.kafka.topics")
            .stringType().defaultValue("telemetry")
            .withDescription("Comma-separated Kafka topics to read."));

    public static final ConfigOption<String> KAFKA_GROUP = S.text(ConfigOptions.key("source.kafka.group-id")
            .stringType().defaultValue("fleetstream")
            .withDescription("Kafka consumer group; offsets are committed on checkpoints."));

    public static final ConfigOption<KafkaStart> KAFKA_START = S.oneOf(ConfigOptions.key("source.kafka.starting-offsets")
            .enumType(KafkaStart.class).defaultValue(KafkaStart.COMMITTED)
            .withDescription("Where a new job starts reading: earliest, latest, the group's committed offsets "
                    + "(earliest when there are none), or timestamp (source.kafka.starting-timestamp)."),
            KafkaStart.class);

    public static final ConfigOption<String> KAFKA_START_TIME = S.text(ConfigOptions.key("source.kafka.starting-timestamp")
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
}
