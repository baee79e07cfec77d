package io.fleetstream.replay.kinesis;

import io.fleetstream.connectors.kinesis.source.KinesisDeserializer;
import io.fleetstream.connectors.kinesis.source.KinesisRecord;
import io.fleetstream.model.RawRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

/**
 * Kinesis records as {@link RawRecord}s, for the live job and the replay alike, so a replay sees the same records.
 * Parsing happens later so that a bad record becomes a dead letter instead of failing the source. The source
 * position is {@code kinesis:<stream name>/<shard id>@<sequence number>} (with {@code .<sub-sequence number>} for
 * a record of a KPL aggregate); the ingest time is the record's approximate arrival time in the stream.
 */
public final class KinesisRawDeserializer implements KinesisDeserializer<RawRecord> {
    private static final long serialVersionUID = 1L;

    private final String prefix;

    public KinesisRawDeserializer(String streamName) {
        this.prefix = "kinesis:" + streamName + '/';
    }

    /** For a stream {@code arn:aws:kinesis:<region>:<account>:stream/<name>}. */
    public static KinesisRawDeserializer forStream(String streamArn) {
        return new KinesisRawDeserializer(streamArn.substring(streamArn.lastIndexOf('/') + 1));
    }

    @Override
    public void deserialize(KinesisRecord record, Collector<RawRecord> out) {
        out.collect(new RawRecord(record.data(), prefix + record.position(), record.arrivalTime()));
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
