package io.fleetstream.connectors.kinesis.source;

import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;

/**
 * Turns the records of a Kinesis stream into the source's output: any number of values a record. Thrown exceptions
 * fail the job; a deserializer that must survive bad payloads emits them as data (as the jobs' dead letters do).
 */
public interface KinesisDeserializer<T> extends Serializable, ResultTypeQueryable<T> {
    /** Called once per reader before the first record. */
    default void open(DeserializationSchema.InitializationContext context) throws Exception {}

    void deserialize(KinesisRecord record, Collector<T> out) throws IOException;

    /** A Flink {@link DeserializationSchema} that sees the payload only. */
    static <T> KinesisDeserializer<T> of(DeserializationSchema<T> schema) {
        return new KinesisDeserializer<T>() {
            private static final long serialVersionUID = 1L;

            @Override
            public void open(DeserializationSchema.InitializationContext context) throws Exception {
                schema.open(context);
            }

            @Override
            public void deserialize(KinesisRecord record, Collector<T> out) throws IOException {
                schema.deserialize(record.data(), out);
            }

            @Override
            public TypeInformation<T> getProducedType() {
                return schema.getProducedType();
            }
        };
    }
}
