package io.fleetstream.jobs.sources;

import static io.fleetstream.jobs.config.KinesisSourceOptions.EFO_CONSUMER_ARN;
import static io.fleetstream.jobs.config.KinesisSourceOptions.EFO_CONSUMER_NAME;
import static io.fleetstream.jobs.config.KinesisSourceOptions.EFO_LIFECYCLE;
import static io.fleetstream.jobs.config.KinesisSourceOptions.EFO_SUBSCRIPTION_TIMEOUT;
import static io.fleetstream.jobs.config.KinesisSourceOptions.MAX_RECORDS_PER_POLL;
import static io.fleetstream.jobs.config.KinesisSourceOptions.POLL_INTERVAL;
import static io.fleetstream.jobs.config.KinesisSourceOptions.READER_TYPE;
import static io.fleetstream.jobs.config.KinesisSourceOptions.REGION;
import static io.fleetstream.jobs.config.KinesisSourceOptions.SHARD_DISCOVERY;
import static io.fleetstream.jobs.config.KinesisSourceOptions.START;
import static io.fleetstream.jobs.config.KinesisSourceOptions.START_TIME;
import static io.fleetstream.jobs.config.KinesisSourceOptions.STREAM_ARN;

import io.fleetstream.connectors.kinesis.source.EnhancedFanOut;
import io.fleetstream.connectors.kinesis.source.KinesisSource;
import io.fleetstream.connectors.kinesis.source.StartingPosition;
import io.fleetstream.jobs.config.ConfigException;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.KinesisSourceOptions.ConsumerLifecycle;
import io.fleetstream.jobs.config.KinesisSourceOptions.ReaderType;
import io.fleetstream.jobs.internal.KinesisClientProperties;
import io.fleetstream.jobs.internal.StreamArn;
import io.fleetstream.model.RawRecord;
import io.fleetstream.replay.kinesis.KinesisRawDeserializer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Properties;
import org.apache.flink.configuration.ConfigOption;

/**
 * The Kinesis Data Streams source of raw telemetry: our own FLIP-27 source (connectors), unbounded, one split per
 * shard, so watermarks are generated per shard. It polls with GetRecords, or reads with enhanced fan-out
 * (SubscribeToShard), and de-aggregates KPL records.
 */
public final class KinesisSources {
    private KinesisSources() {}

    public static KinesisSource<RawRecord> create(FleetConfig cfg) {
        StreamArn arn = StreamArn.parse(cfg.require(STREAM_ARN, "when source.type is kinesis"), STREAM_ARN.key());
        return KinesisSource.<RawRecord>builder()
                .streamArn(arn.arn())
                .clientProperties(clientProperties(cfg, arn))
                .startingPosition(startingPosition(cfg))
                .shardDiscoveryInterval(cfg.get(SHARD_DISCOVERY))
                .pollInterval(cfg.get(POLL_INTERVAL))
                .maxRecordsPerPoll(cfg.get(MAX_RECORDS_PER_POLL))
                .enhancedFanOut(enhancedFanOut(cfg, arn))
                .deserializer(KinesisRawDeserializer.forStream(arn.arn()))
                .build();
    }

    /** Null when polling; else the stream consumer, checked against its lifecycle. */
    static EnhancedFanOut enhancedFanOut(FleetConfig cfg, StreamArn arn) {
        String name = text(cfg, EFO_CONSUMER_NAME);
        String consumerArn = text(cfg, EFO_CONSUMER_ARN);
        if (cfg.get(READER_TYPE) != ReaderType.EFO) {
            if (name != null || consumerArn != null) {
                String key = name != null ? EFO_CONSUMER_NAME.key() : EFO_CONSUMER_ARN.key();
                throw new ConfigException("option '" + key + "' is set but " + READER_TYPE.key() + " is "
                        + cfg.get(READER_TYPE) + ": set " + READER_TYPE.key() + " to efo to read through a stream "
                        + "consumer, or remove " + key);
            }
            return null;
        }
        EnhancedFanOut efo;
        if (cfg.get(EFO_LIFECYCLE) == ConsumerLifecycle.JOB_MANAGED) {
            if (consumerArn != null) {
                throw new ConfigException("invalid value '" + consumerArn + "' for option '" + EFO_CONSUMER_ARN.key()
                        + "' with " + EFO_LIFECYCLE.key() + " job-managed: the job registers its consumer by name; "
                        + "expected " + EFO_CONSUMER_NAME.key() + " instead, or " + EFO_LIFECYCLE.key()
                        + " self-managed for a consumer registered beforehand");
            }
            efo = EnhancedFanOut.jobManaged(consumerName(cfg.require(EFO_CONSUMER_NAME, "when " + READER_TYPE.key()
                    + " is efo"), name));
        } else if (consumerArn != null) {
            if (name != null) {
                throw new ConfigException("options '" + EFO_CONSUMER_NAME.key() + "' and '" + EFO_CONSUMER_ARN.key()
                        + "' both name the stream consumer: expected one of them");
            }
            if (!EnhancedFanOut.isConsumerArn(consumerArn) || !consumerArn.startsWith(arn.arn() + "/consumer/")) {
                throw new ConfigException("invalid value '" + consumerArn + "' for option '" + EFO_CONSUMER_ARN.key()
                        + "': expected a consumer of " + STREAM_ARN.key() + ", " + arn.arn()
                        + "/consumer/NAME:CREATED");
            }
            efo = EnhancedFanOut.consumerArn(consumerArn);
        } else {
            efo = EnhancedFanOut.selfManaged(consumerName(cfg.require(EFO_CONSUMER_NAME, "(or "
                    + EFO_CONSUMER_ARN.key() + ") when " + READER_TYPE.key() + " is efo"), name));
        }
        return efo.subscriptionTimeout(cfg.get(EFO_SUBSCRIPTION_TIMEOUT));
    }

    private static String consumerName(String required, String trimmed) {
        String name = trimmed != null ? trimmed : required;
        if (!EnhancedFanOut.isConsumerName(name)) {
            throw new ConfigException("invalid value '" + name + "' for option '" + EFO_CONSUMER_NAME.key()
                    + "': expected " + EnhancedFanOut.CONSUMER_NAME_FORM);
        }
        return name;
    }

    private static String text(FleetConfig cfg, ConfigOption<String> option) {
        String v = cfg.get(option);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The source stream's region: source.kinesis.region, or the ARN's. */
    public static String region(FleetConfig cfg, StreamArn arn) {
        return cfg.isSet(REGION) ? StreamArn.region(cfg.get(REGION), REGION.key()) : arn.region();
    }

    static Properties clientProperties(FleetConfig cfg, StreamArn arn) {
        return KinesisClientProperties.properties(cfg, region(cfg, arn));
    }

    static StartingPosition startingPosition(FleetConfig cfg) {
        switch (cfg.get(START)) {
            case LATEST:
                return StartingPosition.latest();
            case AT_TIMESTAMP:
                return StartingPosition.atTimestamp(
                        instant(cfg.require(START_TIME, "when source.kinesis.starting-position is at-timestamp")));
            case TRIM_HORIZON:
            default:
                return StartingPosition.trimHorizon();
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new ConfigException("invalid value '" + text + "' for option '" + START_TIME.key()
                    + "': expected an ISO-8601 instant such as 2025-11-20T10:00:00Z");
        }
    }
}
