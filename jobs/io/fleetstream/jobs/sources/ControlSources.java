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
        String servers = cfg.textOr(CONTROL_KAFKA_BOOTSTRAP, KAFKA_BOOTSTRAP, "when alarms.control.type is kafka");
        KafkaSourceBuilder<RawRecord> builder = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(servers)
                .setTopics(cfg.get(CONTROL_KAFKA_TOPIC))
                .setGroupId(cfg.get(KAFKA_GROUP) + "-alarm-control")
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new KafkaRawDeserializer())
                .setProperties(cfg.withPrefix(KAFKA_PROPERTIES_PREFIX));
        if (cfg.get(KAFKA_STOP) == KafkaStop.LATEST) {
            // A bounded back-fill reads the commands up to the same point, so the job still finishes.
            builder.setBounded(OffsetsInitializer.latest());
        }
        KafkaSource<RawRecord> source = builder.build();
        return env.fromSource(source, TelemetryPipeline.watermarks(cfg), "alarm control",
                TypeInformation.of(RawRecord.class)).uid("source-alarm-control");
    }
}
