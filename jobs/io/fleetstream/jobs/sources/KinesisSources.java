package io.fleetstream.jobs.sources;

import static io.fleetstream.jobs.config.KinesisSourceOptions.MAX_RECORDS_PER_POLL;
import static io.fleetstream.jobs.config.KinesisSourceOptions.POLL_INTERVAL;
import static io.fleetstream.jobs.config.KinesisSourceOptions.REGION;
import static io.fleetstream.jobs.config.KinesisSourceOptions.SHARD_DISCOVERY;
import static io.fleetstream.jobs.config.KinesisSourceOptions.START;
import static io.fleetstream.jobs.config.KinesisSourceOptions.START_TIME;
import static io.fleetstream.jobs.config.KinesisSourceOptions.STREAM_ARN;

import io.fleetstream.connectors.kinesis.source.KinesisSource;
import io.fleetstream.connectors.kinesis.source.StartingPosition;
import io.fleetstream.jobs.config.ConfigException;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.internal.KinesisClientProperties;
import io.fleetstream.jobs.internal.StreamArn;
import io.fleetstream.model.RawRecord;
import io.fleetstream.replay.kinesis.KinesisRawDeserializer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Properties;

/**
 * The Kinesis Data Streams source of raw telemetry: our own FLIP-27 source (connectors), unbounded, one split per
 * shard, so watermarks are generated per shard. It polls with GetRecords and de-aggregates KPL records.
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
                .deserializer(KinesisRawDeserializer.forStream(arn.arn()))
                .build();
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
