package io.fleetstream.jobs.sources;

import static io.fleetstream.jobs.config.AlarmOptions.CONTROL_KAFKA_BOOTSTRAP;
import static io.fleetstream.jobs.config.AlarmOptions.CONTROL_KAFKA_TOPIC;
import static io.fleetstream.jobs.config.AlarmOptions.CONTROL_TYPE;
import static io.fleetstream.jobs.config.SourceOptions.KAFKA_BOOTSTRAP;
import static io.fleetstream.jobs.config.SourceOptions.KAFKA_GROUP;
import static io.fleetstream.jobs.config.SourceOptions.KAFKA_PROPERTIES_PREFIX;
import static io.fleetstream.jobs.config.SourceOptions.KAFKA_STOP;

import io.fleetstream.jobs.config.AlarmOptions.ControlType;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.SourceOptions.KafkaStop;
import io.fleetstream.jobs.pipeline.TelemetryPipeline;
import io.fleetstream.model.RawRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The alarm control stream: operators' commands as raw records. It carries the telemetry's watermark strategy
 * (timestamps from the command's {@code timestamp}, idleness), so commands apply in event-time order with the data
 * and a quiet control topic is marked idle instead of holding the alarms back.
 */
public final class ControlSources {
    private ControlSources() {}

    /** Null when {@code alarms.control.type} is none. */
    public static DataStream<RawRecord> create(StreamExecutionEnvironment env, FleetConfig cfg) {
        if (cfg.get(CONTROL_TYPE) == ControlType.NONE) {
            return null;
        }
        KafkaSourceBuilder<RawRecord> builder = builder(cfg, cfg.get(KAFKA_GROUP) + "-alarm-control")
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST));
        if (cfg.get(KAFKA_STOP) == KafkaStop.LATEST) {
            // A bounded back-fill reads the commands up to the same point, so the job still finishes.
            builder.setBounded(OffsetsInitializer.latest());
        }
        return stream(env, cfg, builder.build());
    }

    /**
     * A replay's commands: those that arrived in {@code [fromMillis, toMillis)} (Kafka timestamps), under the
     * replay's own group and committing nothing; null when alarms.control.type is none.
     */
    public static DataStream<RawRecord> window(StreamExecutionEnvironment env, FleetConfig cfg, long fromMillis,
            long toMillis, String groupId) {
        if (cfg.get(CONTROL_TYPE) == ControlType.NONE) {
            return null;
        }
        return stream(env, cfg, builder(cfg, groupId)
                .setStartingOffsets(OffsetsInitializer.timestamp(fromMillis))
                .setBounded(OffsetsInitializer.timestamp(toMillis))
                .setProperty("commit.offsets.on.checkpoint", "false")
                .build());
    }

    private static KafkaSourceBuilder<RawRecord> builder(FleetConfig cfg, String groupId) {
        String servers = cfg.textOr(CONTROL_KAFKA_BOOTSTRAP, KAFKA_BOOTSTRAP);
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(servers)
                .setTopics(cfg.get(CONTROL_KAFKA_TOPIC))
                .setGroupId(groupId)
                .setDeserializer(new KafkaRawDeserializer())
                .setProperties(cfg.withPrefix(KAFKA_PROPERTIES_PREFIX));
    }

    private static DataStream<RawRecord> stream(StreamExecutionEnvironment env, FleetConfig cfg,
            KafkaSource<RawRecord> source) {
        return env.fromSource(source, TelemetryPipeline.watermarks(cfg), "alarm control",
                TypeInformation.of(RawRecord.class)).uid("source-alarm-control");
    }
}
