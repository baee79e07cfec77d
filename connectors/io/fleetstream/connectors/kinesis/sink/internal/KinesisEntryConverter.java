package io.fleetstream.connectors.kinesis.sink.internal;

import io.fleetstream.connectors.kinesis.sink.PartitionKey;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/** An element becomes its JSON (or other bytes) and partition key, checked against the record limits. */
public final class KinesisEntryConverter<T> implements ElementConverter<T, KinesisEntry> {
    private static final long serialVersionUID = 1L;

    private final SerializationSchema<T> schema;
    private final PartitionKey<T> key;

    public KinesisEntryConverter(SerializationSchema<T> schema, PartitionKey<T> key) {
        this.schema = schema;
        this.key = key;
    }

    /**
     * Called by the writer: {@link ElementConverter}'s own {@code open} takes a different context type in Flink
     * 1.20 and 2, so this converter does not override it.
     */
    void openSchema(SerializationSchema.InitializationContext context) throws Exception {
        schema.open(context);
    }

    @Override
    public KinesisEntry apply(T element, SinkWriter.Context context) {
        return RecordLimits.entry(key.of(element), schema.serialize(element));
    }
}
