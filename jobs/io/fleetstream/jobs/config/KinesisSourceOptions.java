package io.fleetstream.jobs.config;

import io.fleetstream.connectors.kinesis.source.EnhancedFanOut;
import io.fleetstream.jobs.config.SourceOptions.SourceType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The Kinesis Data Streams source (source.type kinesis) and the AWS client settings that the Kinesis alarm and
 * anomaly streams share with it.
 */
public final class KinesisSourceOptions {
    private KinesisSourceOptions() {}

    /** Where a job without a checkpoint starts reading each shard. */
    public enum KinesisStart {
        TRIM_HORIZON, LATEST, AT_TIMESTAMP;

        /** The option's spelling ({@code trim-horizon}); Flink matches enum values on {@code toString()}. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** How the source reads the shards. */
    public enum ReaderType {
        POLLING, EFO;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Who registers and removes the enhanced fan-out stream consumer. */
    public enum ConsumerLifecycle {
        JOB_MANAGED, SELF_MANAGED;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private static final Specs S = new Specs("Kinesis source");

    public static final ConfigOption<String> STREAM_ARN = S.streamArn(ConfigOptions.key("source.kinesis.stream-arn")
            .stringType().noDefaultValue()
            .withDescription("ARN of the stream to read for source.type kinesis "
                    + "(arn:aws:kinesis:REGION:ACCOUNT:stream/NAME)."));

    public static final ConfigOption<KinesisStart> START = S.oneOf(ConfigOptions.key("source.kinesis.starting-position")
            .enumType(KinesisStart.class).defaultValue(KinesisStart.TRIM_HORIZON)
            .withDescription("Where a job without a checkpoint or savepoint starts in each shard: the oldest retained "
                    + "record, records arriving from now on, or the first record that arrived at or after "
                    + "source.kinesis.starting-timestamp. A restored job continues where its checkpoint was."),
            KinesisStart.class);

    public static final ConfigOption<String> START_TIME = S.instant(ConfigOptions.key("source.kinesis.starting-timestamp")
            .stringType().noDefaultValue()
            .withDescription("ISO-8601 instant (arrival time in the stream) to start from when "
                    + "source.kinesis.starting-position is at-timestamp."));

    public static final ConfigOption<Duration> SHARD_DISCOVERY = S.positive(
            ConfigOptions.key("source.kinesis.shard-discovery-interval").durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("How often the source lists the stream's shards to pick up new ones "
                            + "(after a reshard)."));

    public static final ConfigOption<Duration> POLL_INTERVAL = S.positive(
            ConfigOptions.key("source.kinesis.poll-interval").durationType()
                    .defaultValue(Duration.ofMillis(200))
                    .withDescription("The least time between two GetRecords calls on one shard. Kinesis allows 5 "
                            + "calls a second per shard, shared by every consumer of the stream: raise it when other "
                            + "consumers read the same stream."));

    public static final ConfigOption<Integer> MAX_RECORDS_PER_POLL = S.between(
            ConfigOptions.key("source.kinesis.max-records-per-poll").intType().defaultValue(10_000)
                    .withDescription("At most this many records a GetRecords call returns (Kinesis' limit is "
                            + "10,000)."), 1, 10_000);

    public static final ConfigOption<ReaderType> READER_TYPE = S.oneOf(ConfigOptions.key("source.kinesis.reader-type")
            .enumType(ReaderType.class).defaultValue(ReaderType.POLLING)
            .withDescription("How the source reads each shard: polling with GetRecords (shares each shard's 5 calls "
                    + "and 2 MB a second with every other polling consumer of the stream), or efo, enhanced fan-out: "
                    + "pushed over a SubscribeToShard subscription of a registered stream consumer, with 2 MB a "
                    + "second per shard of its own (billed per consumer-shard hour and per GB). Live jobs only: a "
                    + "replay polls."), ReaderType.class);

    public static final ConfigOption<String> EFO_CONSUMER_NAME = S.add(
            ConfigOptions.key("source.kinesis.efo.consumer-name").stringType().noDefaultValue()
                    .withDescription("Name of the stream consumer with source.kinesis.reader-type efo: required, "
                            + "unless source.kinesis.efo.consumer-arn names a self-managed one. One name per job."),
            v -> v.isBlank() || EnhancedFanOut.isConsumerName(v.trim()), EnhancedFanOut.CONSUMER_NAME_FORM);

    public static final ConfigOption<String> EFO_CONSUMER_ARN = S.add(
            ConfigOptions.key("source.kinesis.efo.consumer-arn").stringType().noDefaultValue()
                    .withDescription("ARN of a self-managed stream consumer (instead of its name), "
                            + "arn:aws:kinesis:REGION:ACCOUNT:stream/NAME/consumer/CONSUMER:CREATED."),
            v -> v.isBlank() || EnhancedFanOut.isConsumerArn(v.trim()), "a stream consumer ARN such as "
                    + "arn:aws:kinesis:eu-west-1:123456789012:stream/telemetry/consumer/fleet:1763633730");

    public static final ConfigOption<ConsumerLifecycle> EFO_LIFECYCLE = S.oneOf(
            ConfigOptions.key("source.kinesis.efo.lifecycle").enumType(ConsumerLifecycle.class)
                    .defaultValue(ConsumerLifecycle.JOB_MANAGED)
                    .withDescription("job-managed: the job registers the consumer when it starts (or uses it if it "
                            + "is registered already) and deregisters it when it finishes or is cancelled; "
                            + "self-managed: the consumer must be registered before the job starts, and stays."),
            ConsumerLifecycle.class);

    public static final ConfigOption<Duration> EFO_SUBSCRIPTION_TIMEOUT = S.positive(
            ConfigOptions.key("source.kinesis.efo.subscription-timeout").durationType()
                    .defaultValue(Duration.ofSeconds(60))
                    .withDescription("How long a SubscribeToShard subscription may take to be established before it "
                            + "is given up and tried again with backoff."));

    public static final ConfigOption<String> REGION = S.region(ConfigOptions.key("source.kinesis.region")
            .stringType().noDefaultValue()
            .withDescription("AWS region of the source stream; default: the region in source.kinesis.stream-arn."));

    public static final ConfigOption<String> ENDPOINT = S.httpUrl(ConfigOptions.key("source.kinesis.endpoint")
            .stringType().noDefaultValue()
            .withDescription("Kinesis endpoint URL instead of the region's, e.g. http://127.0.0.1:4568 for a local "
                    + "kinesis-mock; also used by the Kinesis alarm and anomaly streams."), "http://127.0.0.1:4568");

    public static final ConfigOption<String> ACCESS_KEY = S.text(ConfigOptions.key("source.kinesis.access-key")
            .stringType().noDefaultValue()
            .withDescription("Static AWS access key id (tests, local servers), with source.kinesis.secret-key; also "
                    + "used by the Kinesis alarm and anomaly streams. Default: the AWS default credentials chain "
                    + "(on Managed Flink, the application's IAM role)."));

    public static final ConfigOption<String> SECRET_KEY = S.text(ConfigOptions.key("source.kinesis.secret-key")
            .stringType().noDefaultValue()
            .withDescription("Static AWS secret access key, with source.kinesis.access-key."));

    static final List<OptionSpec<?>> SPECS = S.list();

    private static final When KINESIS = When.is(SourceOptions.TYPE, SourceType.KINESIS);
    private static final When EFO = KINESIS.and(When.is(READER_TYPE, ReaderType.EFO));
    private static final When JOB_MANAGED = EFO.and(When.is(EFO_LIFECYCLE, ConsumerLifecycle.JOB_MANAGED));
    private static final When SELF_MANAGED = EFO.and(When.is(EFO_LIFECYCLE, ConsumerLifecycle.SELF_MANAGED));

    /**
     * Every Kinesis client is built from this section's endpoint and keys: the source's, simulate's writer's and the
     * event streams' sinks'. Like the current-state table's keys, they matter only to a run that builds one.
     */
    private static final When CLIENT = When.of("when a Kinesis stream is read or written", (cfg, c) -> {
        if (c == Command.SIMULATE) {
            return cfg.get(RunOptions.SIMULATE_TO) == RunOptions.SimulateTarget.KINESIS;
        }
        boolean eventsWritten = c != Command.REPLAY || cfg.get(ReplayOptions.WRITE_STREAMS);
        return cfg.get(SourceOptions.TYPE) == SourceType.KINESIS
                || eventsWritten && (cfg.get(StreamOutputOptions.ALARMS_TYPE) == StreamOutputOptions.StreamType.KINESIS
                        || cfg.get(StreamOutputOptions.ANOMALIES_TYPE) == StreamOutputOptions.StreamType.KINESIS
                        || cfg.get(StreamOutputOptions.DEAD_LETTERS_TYPE) == StreamOutputOptions.StreamType.KINESIS);
    }, SourceOptions.TYPE, RunOptions.SIMULATE_TO, ReplayOptions.WRITE_STREAMS, StreamOutputOptions.ALARMS_TYPE,
            StreamOutputOptions.ANOMALIES_TYPE, StreamOutputOptions.DEAD_LETTERS_TYPE);

    /**
     * The starting position and the stream consumer are the live source's: a replay reads a window by arrival time,
     * polling. A replay's configuration often is the live job's file, so its consumer settings are not refused there.
     */
    static final List<CrossRule> RULES = S.rules(
            Rules.requiredWhen(START_TIME, KINESIS.and(When.is(START, KinesisStart.AT_TIMESTAMP)),
                    "an ISO-8601 instant (arrival time in the stream) such as 2025-11-20T10:00:00Z")
                    .in(Command.LIVE_SOURCE),
            onlyWithEfo(EFO_CONSUMER_NAME), onlyWithEfo(EFO_CONSUMER_ARN),
            Rules.requiredWhen(EFO_CONSUMER_NAME, JOB_MANAGED, "the name the job registers its stream consumer "
                    + "under, " + EnhancedFanOut.CONSUMER_NAME_FORM).in(Command.LIVE_SOURCE),
            Rules.absentWhen(EFO_CONSUMER_ARN, JOB_MANAGED, "a job-managed consumer is registered by the job, by "
                    + "name: give " + EFO_CONSUMER_NAME.key() + " instead, or set " + EFO_LIFECYCLE.key()
                    + " self-managed for a consumer registered beforehand").in(Command.LIVE_SOURCE),
            Rules.oneRequiredWhen(EFO_CONSUMER_NAME, EFO_CONSUMER_ARN, SELF_MANAGED, "the name or ARN of the stream "
                    + "consumer registered beforehand").in(Command.LIVE_SOURCE),
            Rules.exclusive(EFO_CONSUMER_NAME, EFO_CONSUMER_ARN, "both name the stream consumer: give one of them")
                    .when(SELF_MANAGED).in(Command.LIVE_SOURCE),
            Rules.check(EFO_CONSUMER_ARN.key() + " is a consumer of " + STREAM_ARN.key(), (cfg, c) -> {
                String stream = cfg.get(STREAM_ARN);
                if (!Rules.given(cfg, EFO_CONSUMER_ARN) || !Rules.given(cfg, STREAM_ARN)
                        || cfg.get(EFO_CONSUMER_ARN).startsWith(stream + "/consumer/")) {
                    return null;
                }
                return "invalid value " + Rules.quoted(cfg, EFO_CONSUMER_ARN) + " for option '"
                        + EFO_CONSUMER_ARN.key() + "': expected a consumer of " + STREAM_ARN.key() + ", " + stream
                        + "/consumer/NAME:CREATED";
            }, EFO_CONSUMER_ARN, STREAM_ARN).when(SELF_MANAGED).in(Command.LIVE_SOURCE),
            Rules.expect(READER_TYPE, ReaderType.POLLING, KINESIS, "with replay: a replay finds its window by "
                    + "polling (GetRecords); enhanced fan-out (SubscribeToShard) reads live streams only")
                    .in(Command.REPLAY),
            Rules.together(ACCESS_KEY, SECRET_KEY, "static credentials, for tests and local servers",
                    "the AWS default credentials chain").when(CLIENT));

    /** A consumer named while polling would be silently unused. */
    private static CrossRule onlyWithEfo(ConfigOption<String> consumer) {
        return Rules.absentWhen(consumer, KINESIS.and(When.is(READER_TYPE, ReaderType.POLLING)), "set "
                + READER_TYPE.key() + " to efo to read through a stream consumer, or remove " + consumer.key())
                .in(Command.LIVE_SOURCE);
    }
}
