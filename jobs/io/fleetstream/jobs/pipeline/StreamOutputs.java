package io.fleetstream.jobs.pipeline;

import static io.fleetstream.jobs.config.StreamOutputOptions.ALARMS_KAFKA_TOPIC;
import static io.fleetstream.jobs.config.StreamOutputOptions.ALARMS_KINESIS_ARN;
import static io.fleetstream.jobs.config.StreamOutputOptions.ALARMS_TYPE;
import static io.fleetstream.jobs.config.StreamOutputOptions.ANOMALIES_KAFKA_TOPIC;
import static io.fleetstream.jobs.config.StreamOutputOptions.ANOMALIES_KINESIS_ARN;
import static io.fleetstream.jobs.config.StreamOutputOptions.ANOMALIES_TYPE;
import static io.fleetstream.jobs.config.StreamOutputOptions.DEAD_LETTERS_KAFKA_TOPIC;
import static io.fleetstream.jobs.config.StreamOutputOptions.DEAD_LETTERS_KINESIS_ARN;
import static io.fleetstream.jobs.config.StreamOutputOptions.DEAD_LETTERS_TYPE;
import static io.fleetstream.jobs.config.StreamOutputOptions.KAFKA_BOOTSTRAP;
import static io.fleetstream.jobs.config.StreamOutputOptions.KAFKA_TRANSACTIONAL_ID_PREFIX;
import static io.fleetstream.jobs.config.StreamOutputOptions.KAFKA_TRANSACTION_TIMEOUT;

import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.RunOptions;
import io.fleetstream.jobs.config.SourceOptions;
import io.fleetstream.jobs.config.StreamOutputOptions.StreamType;
import io.fleetstream.jobs.internal.KinesisClientProperties;
import io.fleetstream.jobs.internal.StreamArn;
import io.fleetstream.model.AlarmEvent;
import io.fleetstream.model.AnomalyEvent;
import io.fleetstream.model.DeadLetter;
import io.fleetstream.sinks.streams.KafkaStreamSinks;
import io.fleetstream.sinks.streams.KinesisStreamSinks;
import io.fleetstream.sinks.streams.StreamFormat;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Sends alarm events, anomaly events and dead letters to the streams {@code alarms.stream.*},
 * {@code anomalies.stream.*} and {@code deadletters.stream.*} name, as JSON (see {@link io.fleetstream.sinks.streams}),
 * next to the lake's tables.
 */
public final class StreamOutputs {
    private StreamOutputs() {}

    /** The options of one kind of event's stream, and the name its operators' uids and names carry. */
    private static final class Outlet {
        final ConfigOption<StreamType> type;
        final ConfigOption<String> kinesisArn;
        final ConfigOption<String> kafkaTopic;
        final String name;

        Outlet(ConfigOption<StreamType> type, ConfigOption<String> kinesisArn, ConfigOption<String> kafkaTopic,
                String name) {
            this.type = type;
            this.kinesisArn = kinesisArn;
            this.kafkaTopic = kafkaTopic;
            this.name = name;
        }
    }

    private static final Outlet ALARMS = new Outlet(ALARMS_TYPE, ALARMS_KINESIS_ARN, ALARMS_KAFKA_TOPIC, "alarms");
    private static final Outlet ANOMALIES =
            new Outlet(ANOMALIES_TYPE, ANOMALIES_KINESIS_ARN, ANOMALIES_KAFKA_TOPIC, "anomalies");
    private static final Outlet DEAD_LETTERS =
            new Outlet(DEAD_LETTERS_TYPE, DEAD_LETTERS_KINESIS_ARN, DEAD_LETTERS_KAFKA_TOPIC, "dead-letters");

    public static void attach(PipelineStreams streams, FleetConfig cfg) {
        // a stream of events that are not computed is refused by a rule of StreamOutputOptions
        if (streams.alarms != null) {
            alarms(streams.alarms, cfg);
        }
        if (streams.anomalies != null) {
            anomalies(streams.anomalies, cfg);
        }
        deadLetters(streams.deadLetters, cfg);
    }

    /** Alarm events to the stream alarms.stream.type names (nothing when none). */
    public static void alarms(DataStream<AlarmEvent> alarms, FleetConfig cfg) {
        send(alarms, cfg, ALARMS, StreamFormat.ALARMS);
    }

    /** Anomaly events to the stream anomalies.stream.type names (nothing when none). */
    public static void anomalies(DataStream<AnomalyEvent> anomalies, FleetConfig cfg) {
        send(anomalies, cfg, ANOMALIES, StreamFormat.ANOMALIES);
    }

    /** Dead letters to the stream deadletters.stream.type names (nothing when none). */
    public static void deadLetters(DataStream<DeadLetter> deadLetters, FleetConfig cfg) {
        send(deadLetters, cfg, DEAD_LETTERS, StreamFormat.DEAD_LETTERS);
    }

    private static <T> void send(DataStream<T> events, FleetConfig cfg, Outlet outlet, StreamFormat<T> format) {
        switch (cfg.get(outlet.type)) {
            case KINESIS:
                StreamArn arn = StreamArn.parse(cfg.get(outlet.kinesisArn), outlet.kinesisArn.key());
                events.sinkTo(KinesisStreamSinks.create(arn.arn(), KinesisClientProperties.properties(cfg, arn.region()),
                                format))
                        .uid("stream-" + outlet.name + "-kinesis").name(outlet.name + " to kinesis " + arn.name());
                return;
            case KAFKA:
                String topic = cfg.get(outlet.kafkaTopic);
                events.sinkTo(KafkaStreamSinks.create(kafka(cfg, topic), format))
                        .uid("stream-" + outlet.name + "-kafka").name(outlet.name + " to kafka " + topic);
                return;
            case NONE:
            default:
        }
    }

    private static KafkaStreamSinks.Target kafka(FleetConfig cfg, String topic) {
        String servers = cfg.textOr(KAFKA_BOOTSTRAP, SourceOptions.KAFKA_BOOTSTRAP);
        String prefix = cfg.get(KAFKA_TRANSACTIONAL_ID_PREFIX).trim();
        return new KafkaStreamSinks.Target(servers, topic, cfg.withPrefix(SourceOptions.KAFKA_PROPERTIES_PREFIX),
                prefix.isEmpty() ? cfg.get(RunOptions.JOB_NAME) : prefix, cfg.get(KAFKA_TRANSACTION_TIMEOUT));
    }
}
