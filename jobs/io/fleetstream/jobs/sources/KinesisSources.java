package io.fleetstream.jobs.sources;

import static io.fleetstream.jobs.config.KinesisSourceOptions.REGION;
import static io.fleetstream.jobs.config.KinesisSourceOptions.SHARD_DISCOVERY;
import static io.fleetstream.jobs.config.KinesisSourceOptions.START;
import static io.fleetstream.jobs.config.KinesisSourceOptions.START_TIME;
import static io.fleetstream.jobs.config.KinesisSourceOptions.STREAM_ARN;

import io.fleetstream.jobs.config.ConfigException;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.internal.KinesisClients;
import io.fleetstream.jobs.internal.StreamArn;
import io.fleetstream.model.RawRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kinesis.source.KinesisStreamsSource;
import org.apache.flink.connector.kinesis.source.config.KinesisStreamsSourceConfigConstants;
import org.apache.flink.connector.kinesis.source.config.KinesisStreamsSourceConfigConstants.InitialPosition;

/**
 * The Kinesis Data Streams source of raw telemetry: the connector's FLIP-27 source, one split per shard, so
 * watermarks are generated per shard. It polls with GetRecords (this connector version has no enhanced fan-out).
 */
public final class KinesisSources {
    private KinesisSources() {}

    /** The connector parses the starting timestamp with this pattern (a SimpleDateFormat). */
    private static final String TIMESTAMP_PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";

    public static KinesisStreamsSource<RawRecord> create(FleetConfig cfg) {
        StreamArn arn = StreamArn.parse(cfg.require(STREAM_ARN, "when source.type is kinesis"), STREAM_ARN.key());
        return KinesisStreamsSource.<RawRecord>builder()
                .setStreamArn(arn.arn())
                .setSourceConfig(sourceConfig(cfg, arn))
                .setDeserializationSchema(new KinesisRawDeserializer())
                .build();
    }

    /** The source stream's region: source.kinesis.region, or the ARN's. */
    public static String region(FleetConfig cfg, StreamArn arn) {
        return cfg.isSet(REGION) ? StreamArn.region(cfg.get(REGION), REGION.key()) : arn.region();
    }

    static Configuration sourceConfig(FleetConfig cfg, StreamArn arn) {
        Properties client = KinesisClients.properties(cfg, region(cfg, arn));
        Configuration c = new Configuration();
        client.stringPropertyNames().forEach(k -> c.setString(k, client.getProperty(k)));
        c.set(KinesisStreamsSourceConfigConstants.SHARD_DISCOVERY_INTERVAL_MILLIS, cfg.get(SHARD_DISCOVERY).toMillis());
        switch (cfg.get(START)) {
            case LATEST:
                c.set(KinesisStreamsSourceConfigConstants.STREAM_INITIAL_POSITION, InitialPosition.LATEST);
                break;
            case AT_TIMESTAMP:
                Instant at = instant(cfg.require(START_TIME, "when source.kinesis.starting-position is at-timestamp"));
                c.set(KinesisStreamsSourceConfigConstants.STREAM_INITIAL_POSITION, InitialPosition.AT_TIMESTAMP);
                c.set(KinesisStreamsSourceConfigConstants.STREAM_TIMESTAMP_DATE_FORMAT, TIMESTAMP_PATTERN);
                c.set(KinesisStreamsSourceConfigConstants.STREAM_INITIAL_TIMESTAMP,
                        DateTimeFormatter.ofPattern(TIMESTAMP_PATTERN).withZone(ZoneOffset.UTC).format(at));
                break;
            case TRIM_HORIZON:
            default:
                c.set(KinesisStreamsSourceConfigConstants.STREAM_INITIAL_POSITION, InitialPosition.TRIM_HORIZON);
        }
        return c;
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
