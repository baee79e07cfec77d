package io.fleetstream.sinks.streams.internal;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Events as Kafka records of one topic, with a key and a value, stamped with the time they are published.
 *
 * <p>The connector's stock serializer stamps each record with the Flink record's timestamp, here the event time.
 * Brokers apply time retention ({@code retention.ms}, 7 days by default) to those stamps: events whose event time is
 * older than the retention (a replay, a backlog, late data) sit in segments the broker deletes at its next retention
 * check (every 5 minutes by default), so committed events vanished from the topic minutes after they were written.
 * Leaving the timestamp to the producer makes it the send time; the event time stays in the payload.
 */
public final class PublishTimeRecords<T> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final SerializationSchema<T> key;
    private final SerializationSchema<T> value;

    public PublishTimeRecords(String topic, SerializationSchema<T> key, SerializationSchema<T> value) {
        this.topic = topic;
        this.key = key;
        this.value = value;
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext)
            throws Exception {
        key.open(context);
        value.open(context);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        // No partition: the producer's partitioner hashes the key. No timestamp: the producer stamps the send time.
        return new ProducerRecord<>(topic, null, null, key.serialize(element), value.serialize(element));
    }
}
