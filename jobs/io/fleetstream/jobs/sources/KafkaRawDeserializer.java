package io.fleetstream.jobs.sources;

import io.fleetstream.model.RawRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Kafka messages as {@link RawRecord}s. Parsing happens later so that a bad message becomes a dead letter instead
 * of failing the source. The ingest time is the broker's record timestamp, so a replay sees the same one.
 */
public final class KafkaRawDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {
    private static final long serialVersionUID = 1L;
    private static final byte[] EMPTY = new byte[0];

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
        byte[] value = record.value() == null ? EMPTY : record.value();
        out.collect(new RawRecord(value,
                "kafka:" + record.topic() + "/" + record.partition() + "@" + record.offset(), record.timestamp()));
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
