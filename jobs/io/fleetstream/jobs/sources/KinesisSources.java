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
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.Instants;
import io.fleetstream.jobs.config.KinesisSourceOptions.ConsumerLifecycle;
import io.fleetstream.jobs.config.KinesisSourceOptions.ReaderType;
import io.fleetstream.jobs.internal.KinesisClientProperties;
import io.fleetstream.jobs.internal.StreamArn;
import io.fleetstream.model.RawRecord;
import io.fleetstream.replay.kinesis.KinesisRawDeserializer;
import java.util.Properties;

/**
 * The Kinesis Data Streams source of raw telemetry: our own FLIP-27 source (connectors), unbounded, one split per
 * shard, so watermarks are generated per shard. It polls with GetRecords, or reads with enhanced fan-out
 * (SubscribeToShard), and de-aggregates KPL records.
 */
public final class KinesisSources {
    private KinesisSources() {}

    /** From a configuration checked for the command: the options' rules have refused what does not fit together. */
    public static KinesisSource<RawRecord> create(FleetConfig cfg) {
        StreamArn arn = StreamArn.parse(cfg.get(STREAM_ARN), STREAM_ARN.key());
        return KinesisSource.<RawRecord>builder()
                .streamArn(arn.arn())
                .clientProperties(clientProperties(cfg, arn))
                .startingPosition(startingPosition(cfg))
                .shardDiscoveryInterval(cfg.get(SHARD_DISCOVERY))
                .pollInterval(cfg.get(POLL_INTERVAL))
                .maxRecordsPerPoll(cfg.get(MAX_RECORDS_PER_POLL))
                .enhancedFanOut(enhancedFanOut(cfg))
                .deserializer(KinesisRawDeserializer.forStream(arn.arn()))
                .build();
    }

    /** Null when polling; else the stream consumer its lifecycle takes: by name, or self-managed by ARN. */
    static EnhancedFanOut enhancedFanOut(FleetConfig cfg) {
        if (cfg.get(READER_TYPE) != ReaderType.EFO) {
            return null;
        }
        String consumerArn = cfg.text(EFO_CONSUMER_ARN);
        EnhancedFanOut efo;
        if (cfg.get(EFO_LIFECYCLE) == ConsumerLifecycle.JOB_MANAGED) {
            efo = EnhancedFanOut.jobManaged(cfg.text(EFO_CONSUMER_NAME));
        } else if (consumerArn != null) {
            efo = EnhancedFanOut.consumerArn(consumerArn);
        } else {
            efo = EnhancedFanOut.selfManaged(cfg.text(EFO_CONSUMER_NAME));
        }
        return efo.subscriptionTimeout(cfg.get(EFO_SUBSCRIPTION_TIMEOUT));
    }

    /** The source stream's region: source.kinesis.region, or the ARN's. */
    public static String region(FleetConfig cfg, StreamArn arn) {
        String region = cfg.text(REGION);
        return region != null ? region : arn.region();
    }

    static Properties clientProperties(FleetConfig cfg, StreamArn arn) {
        return KinesisClientProperties.properties(cfg, region(cfg, arn));
    }

    static StartingPosition startingPosition(FleetConfig cfg) {
        switch (cfg.get(START)) {
            case LATEST:
                return StartingPosition.latest();
            case AT_TIMESTAMP:
                return StartingPosition.atTimestamp(Instants.parse(cfg.get(START_TIME)));
            case TRIM_HORIZON:
            default:
                return StartingPosition.trimHorizon();
        }
    }
}
