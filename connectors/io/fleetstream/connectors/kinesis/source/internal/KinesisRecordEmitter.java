package io.fleetstream.connectors.kinesis.source.internal;

import io.fleetstream.connectors.kinesis.source.KinesisDeserializer;
import io.fleetstream.connectors.kinesis.source.KinesisRecord;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.util.Collector;

/**
 * Hands user records to the deserializer, its values timestamped with the record's arrival time; then moves the
 * split's position past the record, so a checkpoint resumes after it.
 */
public final class KinesisRecordEmitter<T> implements RecordEmitter<ShardRecord, T, KinesisShardSplitState> {
    private final KinesisDeserializer<T> deserializer;
    private final TimestampedCollector<T> collector = new TimestampedCollector<>();

    public KinesisRecordEmitter(KinesisDeserializer<T> deserializer) {
        this.deserializer = deserializer;
    }

    @Override
    public void emitRecord(ShardRecord element, SourceOutput<T> output, KinesisShardSplitState split)
            throws Exception {
        KinesisRecord r = element.record;
        collector.output = output;
        collector.timestamp = r.arrivalTime();
        deserializer.deserialize(r, collector);
        split.emitted(r.sequenceNumber(),
                element.completesItsRecord ? KinesisShardSplit.WHOLE_RECORD : r.subSequenceNumber());
    }

    private static final class TimestampedCollector<T> implements Collector<T> {
        SourceOutput<T> output;
        long timestamp;

        @Override
        public void collect(T value) {
            output.collect(value, timestamp);
        }

        @Override
        public void close() {}
    }
}
