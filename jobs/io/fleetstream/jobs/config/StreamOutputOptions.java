package io.fleetstream.jobs.config;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Alarm and anomaly events as JSON on a stream, for consumers that react to them (notifications, tickets); dead
 * letters likewise, for whoever fixes the producers (the lake's dead_letters table stays).
 */
public final class StreamOutputOptions {
    private StreamOutputOptions() {}

    public enum StreamType { NONE, KINESIS, KAFKA }

    private static final Specs S = new Specs("Alarm, anomaly and dead-letter streams");

    public static final ConfigOption<StreamType> ALARMS_TYPE = S.oneOf(ConfigOptions.key("alarms.stream.type")
            .enumType(StreamType.class).defaultValue(StreamType.NONE)
            .withDescription("Where alarm lifecycle events also go, as JSON keyed by device id (needs "
                    + "alarms.enabled): nowhere, a Kinesis stream (alarms.stream.kinesis.stream-arn) or a Kafka "
                    + "topic."), StreamType.class);

    public static final ConfigOption<String> ALARMS_KINESIS_ARN = S.streamArn(
            ConfigOptions.key("alarms.stream.kinesis.stream-arn").stringType().noDefaultValue()
                    .withDescription("ARN of the Kinesis stream for alarm events when alarms.stream.type is kinesis. "
                            + "Endpoint and credentials: source.kinesis.endpoint, source.kinesis.access-key and "
                            + "source.kinesis.secret-key."));

    public static final ConfigOption<StreamType> ANOMALIES_TYPE = S.oneOf(ConfigOptions.key("anomalies.stream.type")
            .enumType(StreamType.class).defaultValue(StreamType.NONE)
            .withDescription("Where anomaly events also go, as JSON keyed by device id (needs anomaly.enabled): "
                    + "nowhere, a Kinesis stream (anomalies.stream.kinesis.stream-arn) or a Kafka topic."),
            StreamType.class);

    public static final ConfigOption<String> ANOMALIES_KINESIS_ARN = S.streamArn(
            ConfigOptions.key("anomalies.stream.kinesis.stream-arn").stringType().noDefaultValue()
                    .withDescription("ARN of the Kinesis stream for anomaly events when anomalies.stream.type is "
                            + "kinesis."));

    public static final ConfigOption<String> ALARMS_KAFKA_TOPIC = S.text(ConfigOptions.key(
            "alarms.stream.kafka.topic").stringType().defaultValue("fleet-alarms")
            .withDescription("Kafka topic for alarm events when alarms.stream.type is kafka."));

    public static final ConfigOption<String> ANOMALIES_KAFKA_TOPIC = S.text(ConfigOptions.key(
            "anomalies.stream.kafka.topic").stringType().defaultValue("fleet-anomalies")
            .withDescription("Kafka topic for anomaly events when anomalies.stream.type is kafka."));

    public static final ConfigOption<StreamType> DEAD_LETTERS_TYPE = S.oneOf(ConfigOptions.key(
            "deadletters.stream.type").enumType(StreamType.class).defaultValue(StreamType.NONE)
            .withDescription("Where dead letters also go besides the lake's dead_letters table, as JSON keyed by "
                    + "device id (by source position when the record named none): nowhere, a Kinesis stream "
                    + "(deadletters.stream.kinesis.stream-arn) or a Kafka topic."), StreamType.class);

    public static final ConfigOption<String> DEAD_LETTERS_KINESIS_ARN = S.streamArn(
            ConfigOptions.key("deadletters.stream.kinesis.stream-arn").stringType().noDefaultValue()
                    .withDescription("ARN of the Kinesis stream for dead letters when deadletters.stream.type is "
                            + "kinesis."));

    public static final ConfigOption<String> DEAD_LETTERS_KAFKA_TOPIC = S.text(ConfigOptions.key(
            "deadletters.stream.kafka.topic").stringType().defaultValue("fleet-dead-letters")
            .withDescription("Kafka topic for dead letters when deadletters.stream.type is kafka."));

    public static final ConfigOption<String> KAFKA_BOOTSTRAP = S.text(ConfigOptions.key(
            "streams.kafka.bootstrap-servers").stringType().defaultValue("")
            .withDescription("Kafka bootstrap servers of the event topics; empty: source.kafka.bootstrap-servers. "
                    + "The client properties source.kafka.properties.* apply to the producers too."));

    public static final ConfigOption<String> KAFKA_TRANSACTIONAL_ID_PREFIX = S.text(ConfigOptions.key(
            "streams.kafka.transactional-id-prefix").stringType().defaultValue("")
            .withDescription("Prefix of the Kafka sinks' transactional ids; empty: job.name. Must differ between "
                    + "jobs writing to one cluster (a replay and the live job, say)."));

    public static final ConfigOption<Duration> KAFKA_TRANSACTION_TIMEOUT = S.positive(ConfigOptions.key(
            "streams.kafka.transaction-timeout").durationType().defaultValue(Duration.ofMinutes(15))
            .withDescription("transaction.timeout.ms of the exactly-once Kafka sinks: longer than the checkpoint "
                    + "interval plus a restart, and no longer than the brokers' transaction.max.timeout.ms."));

    static final List<OptionSpec<?>> SPECS = S.list();

    /** A replay sends events only when asked to. */
    private static final When WRITTEN = When.written(ReplayOptions.WRITE_STREAMS);

    static final List<CrossRule> RULES = S.rules(
            computed(ALARMS_TYPE, AlarmOptions.ENABLED), computed(ANOMALIES_TYPE, AnomalyOptions.ENABLED),
            arnOf(ALARMS_TYPE, ALARMS_KINESIS_ARN), arnOf(ANOMALIES_TYPE, ANOMALIES_KINESIS_ARN),
            arnOf(DEAD_LETTERS_TYPE, DEAD_LETTERS_KINESIS_ARN),
            Rules.oneRequiredWhen(KAFKA_BOOTSTRAP, SourceOptions.KAFKA_BOOTSTRAP, When.of("when "
                            + ALARMS_TYPE.key() + ", " + ANOMALIES_TYPE.key() + " or " + DEAD_LETTERS_TYPE.key()
                            + " is kafka", (cfg, c) -> cfg.get(ALARMS_TYPE) == StreamType.KAFKA
                            || cfg.get(ANOMALIES_TYPE) == StreamType.KAFKA || cfg.get(DEAD_LETTERS_TYPE) == StreamType.KAFKA,
                            ALARMS_TYPE, ANOMALIES_TYPE, DEAD_LETTERS_TYPE).and(WRITTEN),
                    "the Kafka bootstrap servers of the event topics (host:port,...)").in(Command.PIPELINE));

    /** Events that are not computed cannot be sent. */
    private static CrossRule computed(ConfigOption<StreamType> type, ConfigOption<Boolean> enabled) {
        return Rules.expect(type, StreamType.NONE, When.is(enabled, false).and(WRITTEN),
                "(its events are not computed; or set " + enabled.key() + " true)").in(Command.PIPELINE);
    }

    private static CrossRule arnOf(ConfigOption<StreamType> type, ConfigOption<String> arn) {
        return Rules.requiredWhen(arn, When.is(type, StreamType.KINESIS).and(WRITTEN), AwsNames.STREAM_ARN_EXAMPLE)
                .in(Command.PIPELINE);
    }
}
