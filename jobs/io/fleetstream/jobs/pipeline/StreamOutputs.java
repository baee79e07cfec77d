package io.fleetstream.jobs.pipeline;

import static io.fleetstream.jobs.config.StreamOutputOptions.ALARMS_KAFKA_TOPIC;
import static io.fleetstream.jobs.config.StreamOutputOptions.ALARMS_KINESIS_ARN;
import static io.fleetstream.jobs.config.StreamOutputOptions.ALARMS_TYPE;
import static io.fleetstream.jobs.config.StreamOutputOptions.ANOMALIES_KAFKA_TOPIC;
import static io.fleetstream.jobs.config.StreamOutputOptions.ANOMALIES_KINESIS_ARN;
import static io.fleetstream.jobs.config.StreamOutputOptions.ANOMALIES_TYPE;
import static io.fleetstream.jobs.config.StreamOutputOptions.KAFKA_BOOTSTRAP;
import static io.fleetstream.jobs.config.StreamOutputOptions.KAFKA_TRANSACTIONAL_ID_PREFIX;
import static io.fleetstream.jobs.config.StreamOutputOptions.KAFKA_TRANSACTION_TIMEOUT;

import io.fleetstream.jobs.config.AlarmOptions;
import io.fleetstream.jobs.config.AnomalyOptions;
import io.fleetstream.jobs.config.ConfigException;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.RunOptions;
import io.fleetstream.jobs.config.SourceOptions;
import io.fleetstream.jobs.config.StreamOutputOptions.StreamType;
import io.fleetstream.jobs.internal.KinesisClients;
import io.fleetstream.jobs.internal.StreamArn;
import io.fleetstream.model.AlarmEvent;
import io.fleetstream.model.AnomalyEvent;
import io.fleetstream.sinks.streams.KafkaStreamSinks;
import io.fleetstream.sinks.streams.KinesisStreamSinks;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Sends alarm and anomaly events to the streams {@code alarms.stream.*} and {@code anomalies.stream.*} name, as
 * JSON keyed by device id (see {@link io.fleetstream.sinks.streams}), next to the lake's tables.
 */
public final class StreamOutputs {
    private StreamOutputs() {}

    public static void attach(PipelineStreams streams, FleetConfig cfg) {
        if (cfg.get(ALARMS_TYPE) != StreamType.NONE) {
            alarms(required(streams.alarms, ALARMS_TYPE.key(), AlarmOptions.ENABLED.key()), cfg);
        }
        if (cfg.get(ANOMALIES_TYPE) != StreamType.NONE) {
            anomalies(required(streams.anomalies, ANOMALIES_TYPE.key(), AnomalyOptions.ENABLED.key()), cfg);
        }
    }

    /** Alarm events to the stream alarms.stream.type names (nothing when none). */
    public static void alarms(DataStream<AlarmEvent> alarms, FleetConfig cfg) {
        switch (cfg.get(ALARMS_TYPE)) {
            case KINESIS:
                StreamArn arn = StreamArn.parse(cfg.require(ALARMS_KINESIS_ARN, "when alarms.stream.type is kinesis"),
                        ALARMS_KINESIS_ARN.key());
                alarms.sinkTo(KinesisStreamSinks.alarms(arn.arn(), KinesisClients.properties(cfg, arn.region())))
                        .uid("stream-alarms-kinesis").name("alarms to kinesis " + arn.name());
                return;
            case KAFKA:
                alarms.sinkTo(KafkaStreamSinks.alarms(kafka(cfg, cfg.get(ALARMS_KAFKA_TOPIC))))
                        .uid("stream-alarms-kafka").name("alarms to kafka " + cfg.get(ALARMS_KAFKA_TOPIC));
                return;
            case NONE:
            default:
        }
    }

    /** Anomaly events to the stream anomalies.stream.type names (nothing when none). */
    public static void anomalies(DataStream<AnomalyEvent> anomalies, FleetConfig cfg) {
        switch (cfg.get(ANOMALIES_TYPE)) {
            case KINESIS:
                StreamArn arn = StreamArn.parse(cfg.require(ANOMALIES_KINESIS_ARN,
                        "when anomalies.stream.type is kinesis"), ANOMALIES_KINESIS_ARN.key());
                anomalies.sinkTo(KinesisStreamSinks.anomalies(arn.arn(),
                                KinesisClients.properties(cfg, arn.region())))
                        .uid("stream-anomalies-kinesis").name("anomalies to kinesis " + arn.name());
                return;
            case KAFKA:
                anomalies.sinkTo(KafkaStreamSinks.anomalies(kafka(cfg, cfg.get(ANOMALIES_KAFKA_TOPIC))))
                        .uid("stream-anomalies-kafka").name("anomalies to kafka " + cfg.get(ANOMALIES_KAFKA_TOPIC));
                return;
            case NONE:
            default:
        }
    }

    private static KafkaStreamSinks.Target kafka(FleetConfig cfg, String topic) {
        String servers = cfg.textOr(KAFKA_BOOTSTRAP, SourceOptions.KAFKA_BOOTSTRAP, "when an event stream is kafka");
        String prefix = cfg.get(KAFKA_TRANSACTIONAL_ID_PREFIX).trim();
        return new KafkaStreamSinks.Target(servers, topic, cfg.withPrefix(SourceOptions.KAFKA_PROPERTIES_PREFIX),
                prefix.isEmpty() ? cfg.get(RunOptions.JOB_NAME) : prefix, cfg.get(KAFKA_TRANSACTION_TIMEOUT));
    }

    private static <T> DataStream<T> required(DataStream<T> stream, String typeKey, String enabledKey) {
        if (stream == null) {
            throw new ConfigException(typeKey + " sends events that are not computed: set " + enabledKey + " true, "
                    + "or " + typeKey + " none");
        }
        return stream;
    }
}
