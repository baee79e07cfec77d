package io.fleetstream.replay.kinesis.internal;

import io.fleetstream.model.RawRecord;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Kinesis records as {@link RawRecord}s, as the live job's Kinesis source makes them: source
 * {@code kinesis:<stream name>/<shard id>@<sequence number>}, ingest time = approximate arrival time (also the
 * record's timestamp). Then the split's position moves past it, so a checkpoint resumes after it.
 */
public final class ReplayRecordEmitter implements RecordEmitter<Record, RawRecord, KinesisShardSplitState> {
    private static final byte[] EMPTY = new byte[0];

    private final String prefix;

    public ReplayRecordEmitter(String streamName) {
        this.prefix = "kinesis:" + streamName + '/';
    }

    @Override
    public void emitRecord(Record record, SourceOutput<RawRecord> output, KinesisShardSplitState split) {
        SdkBytes data = record.data();
        long arrival = record.approximateArrivalTimestamp().toEpochMilli();
        output.collect(new RawRecord(data == null ? EMPTY : data.asByteArray(),
                prefix + split.shardId() + '@' + record.sequenceNumber(), arrival), arrival);
        split.emitted(record.sequenceNumber());
    }
}
