package io.fleetstream.jobs.config;

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

    public static final ConfigOption<String> STREAM_ARN = S.text(ConfigOptions.key("source.kinesis.stream-arn")
            .stringType().noDefaultValue()
            .withDescription("ARN of the stream to read for source.type kinesis "
                    + "(arn:aws:kinesis:REGION:ACCOUNT:stream/NAME)."));

    public static final ConfigOption<KinesisStart> START = S.oneOf(ConfigOptions.key("source.kinesis.starting-position")
            .enumType(KinesisStart.class).defaultValue(KinesisStart.TRIM_HORIZON)
            .withDescription("Where a job without a checkpoint or savepoint starts in each shard: the oldest retained "
                    + "record, records arriving from now on, or the first record that arrived at or after "
                    + "source.kinesis.starting-timestamp. A restored job continues where its checkpoint was."),
            KinesisStart.class);

    public static final ConfigOption<String> START_TIME = S.text(ConfigOptions.key("source.kinesis.starting-timestamp")
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

    public static final ConfigOption<String> EFO_CONSUMER_NAME = S.text(
            ConfigOptions.key("source.kinesis.efo.consumer-name").stringType().noDefaultValue()
                    .withDescription("Name of the stream consumer with source.kinesis.reader-type efo: required, "
                            + "unless source.kinesis.efo.consumer-arn names a self-managed one. One name per job."));

    public static final ConfigOption<String> EFO_CONSUMER_ARN = S.text(
            ConfigOptions.key("source.kinesis.efo.consumer-arn").stringType().noDefaultValue()
                    .withDescription("ARN of a self-managed stream consumer (instead of its name), "
                            + "arn:aws:kinesis:REGION:ACCOUNT:stream/NAME/consumer/CONSUMER:CREATED."));

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

    public static final ConfigOption<String> REGION = S.text(ConfigOptions.key("source.kinesis.region")
            .stringType().noDefaultValue()
            .withDescription("AWS region of the source stream; default: the region in source.kinesis.stream-arn."));

    public static final ConfigOption<String> ENDPOINT = S.text(ConfigOptions.key("source.kinesis.endpoint")
            .stringType().noDefaultValue()
            .withDescription("Kinesis endpoint URL instead of the region's, e.g. http://127.0.0.1:4568 for a local "
                    + "kinesis-mock; also used by the Kinesis alarm and anomaly streams."));

    public static final ConfigOption<String> ACCESS_KEY = S.text(ConfigOptions.key("source.kinesis.access-key")
            .stringType().noDefaultValue()
            .withDescription("Static AWS access key id (tests, local servers), with source.kinesis.secret-key; also "
                    + "used by the Kinesis alarm and anomaly streams. Default: the AWS default credentials chain "
                    + "(on Managed Flink, the application's IAM role)."));

    public static final ConfigOption<String> SECRET_KEY = S.text(ConfigOptions.key("source.kinesis.secret-key")
            .stringType().noDefaultValue()
            .withDescription("Static AWS secret access key, with source.kinesis.access-key."));

    static final List<OptionSpec<?>> SPECS = S.list();
}
