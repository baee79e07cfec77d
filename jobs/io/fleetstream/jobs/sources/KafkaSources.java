package io.fleetstream.jobs.sources;

import static io.fleetstream.jobs.config.SourceOptions.KAFKA_BOOTSTRAP;
import static io.fleetstream.jobs.config.SourceOptions.KAFKA_GROUP;
import static io.fleetstream.jobs.config.SourceOptions.KAFKA_PROPERTIES_PREFIX;
import static io.fleetstream.jobs.config.SourceOptions.KAFKA_START;
import static io.fleetstream.jobs.config.SourceOptions.KAFKA_START_TIME;
import static io.fleetstream.jobs.config.SourceOptions.KAFKA_STOP;
import static io.fleetstream.jobs.config.SourceOptions.KAFKA_TOPICS;

import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.Instants;
import io.fleetstream.jobs.config.SourceOptions.KafkaStop;
import io.fleetstream.jobs.config.SourceOptions;
import io.fleetstream.model.RawRecord;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The Kafka (or Amazon MSK) source of raw telemetry. */
public final class KafkaSources {
    private KafkaSources() {}

    public static KafkaSource<RawRecord> create(FleetConfig cfg) {
        KafkaSourceBuilder<RawRecord> builder = builder(cfg, cfg.get(KAFKA_GROUP))
                .setStartingOffsets(startingOffsets(cfg));
        if (cfg.get(KAFKA_STOP) == KafkaStop.LATEST) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * The records that arrived in {@code [fromMillis, toMillis)} by their Kafka timestamps (a replay's window):
     * bounded, under its own consumer group, and committing no offsets, so the live job's group is untouched.
     */
    public static KafkaSource<RawRecord> window(FleetConfig cfg, long fromMillis, long toMillis, String groupId) {
        return builder(cfg, groupId)
                .setStartingOffsets(OffsetsInitializer.timestamp(fromMillis))
                .setBounded(OffsetsInitializer.timestamp(toMillis))
                .setProperty("commit.offsets.on.checkpoint", "false")
                .build();
    }

    private static KafkaSourceBuilder<RawRecord> builder(FleetConfig cfg, String groupId) {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(cfg.get(KAFKA_BOOTSTRAP))
                .setTopics(SourceOptions.topics(cfg.get(KAFKA_TOPICS)))
                .setGroupId(groupId)
                .setDeserializer(new KafkaRawDeserializer())
                .setProperties(cfg.withPrefix(KAFKA_PROPERTIES_PREFIX));
    }

    static OffsetsInitializer startingOffsets(FleetConfig cfg) {
        switch (cfg.get(KAFKA_START)) {
            case EARLIEST:
                return OffsetsInitializer.earliest();
            case LATEST:
                return OffsetsInitializer.latest();
            case TIMESTAMP:
                return OffsetsInitializer.timestamp(Instants.parse(cfg.get(KAFKA_START_TIME)).toEpochMilli());
            case COMMITTED:
            default:
                return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        }
    }
}
