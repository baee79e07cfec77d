package io.fleetstream.sinks.streams;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.model.AnomalyEvent;
import io.fleetstream.model.DeadLetter;
import io.fleetstream.sinks.streams.internal.PublishTimeRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * Alarm and anomaly events and dead letters as JSON on a Kafka topic, keyed as their {@link StreamFormat} says (one
 * device's events stay in order in one partition), exactly-once: the sink writes in Kafka transactions committed
 * with Flink's checkpoints, so a consumer with {@code isolation.level=read_committed} sees each event once, across
 * failures and restarts. Records carry the time they were published as their Kafka timestamp (the event time is in
 * the JSON), so the topic's time retention counts from publication: see {@link PublishTimeRecords}.
 */
public final class KafkaStreamSinks {
    private KafkaStreamSinks() {}

    /** Where and how to write: servers, topic, client properties and the transactional-id prefix. */
    public static final class Target {
        final String bootstrapServers;
        final String topic;
        final Properties properties;
        final String transactionalIdPrefix;
        final Duration transactionTimeout;

        public Target(String bootstrapServers, String topic, Properties properties, String transactionalIdPrefix,
                Duration transactionTimeout) {
            this.bootstrapServers = bootstrapServers;
            this.topic = topic;
            this.properties = properties;
            this.transactionalIdPrefix = transactionalIdPrefix;
            this.transactionTimeout = transactionTimeout;
        }
    }

    public static KafkaSink<AlarmEvent> alarms(Target target) {
        return create(target, StreamFormat.ALARMS);
    }

    public static KafkaSink<AnomalyEvent> anomalies(Target target) {
        return create(target, StreamFormat.ANOMALIES);
    }

    public static KafkaSink<DeadLetter> deadLetters(Target target) {
        return create(target, StreamFormat.DEAD_LETTERS);
    }

    public static <T> KafkaSink<T> create(Target target, StreamFormat<T> format) {
        Properties producer = new Properties();
        producer.putAll(target.properties);
        producer.setProperty("transaction.timeout.ms", Long.toString(target.transactionTimeout.toMillis()));
        return KafkaSink.<T>builder()
                .setBootstrapServers(target.bootstrapServers)
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(new PublishTimeRecords<>(target.topic, new Key<>(format), format.json))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(target.transactionalIdPrefix + "-" + target.topic)
                .build();
    }

    static final class Key<T> implements SerializationSchema<T> {
        private static final long serialVersionUID = 1L;

        private final StreamFormat<T> format;

        Key(StreamFormat<T> format) {
            this.format = format;
        }

        @Override
        public byte[] serialize(T event) {
            return format.key(event).getBytes(StandardCharsets.UTF_8);
        }
    }
}
