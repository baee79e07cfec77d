package io.fleetstream.jobs.sources;

import static io.fleetstream.jobs.config.SourceOptions.KAFKA_BOOTSTRAP;
import static io.fleetstream.jobs.config.SourceOptions.KAFKA_GROUP;
import static io.fleetstream.jobs.config.SourceOptions.KAFKA_PROPERTIES_PREFIX;
import static io.fleetstream.jobs.config.SourceOptions.KAFKA_START;
import static io.fleetstream.jobs.config.SourceOptions.KAFKA_START_TIME;
import static io.fleetstream.jobs.config.SourceOptions.KAFKA_STOP;
import static io.fleetstream.jobs.config.SourceOptions.KAFKA_TOPICS;

import io.fleetstream.jobs.config.ConfigException;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.SourceOptions.KafkaStop;
import io.fleetstream.model.RawRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
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
        String servers = cfg.require(KAFKA_BOOTSTRAP, "when source.type is kafka");
        List<String> topics = Arrays.stream(cfg.get(KAFKA_TOPICS).split(","))
                .map(String::trim).filter(t -> !t.isEmpty()).collect(Collectors.toList());
        if (topics.isEmpty()) {
            throw new ConfigException("source.kafka.topics names no topic");
        }
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(servers)
                .setTopics(topics)
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
                return OffsetsInitializer.timestamp(instant(cfg.require(KAFKA_START_TIME,
                        "when source.kafka.starting-offsets is timestamp")).toEpochMilli());
            case COMMITTED:
            default:
                return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ConfigException("invalid value '" + text + "' for option '" + KAFKA_START_TIME.key()
                    + "': expected an ISO-8601 instant such as 2025-11-20T10:00:00Z");
        }
    }
}
