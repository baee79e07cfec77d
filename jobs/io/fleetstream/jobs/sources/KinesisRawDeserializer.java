package io.fleetstream.jobs.sources;

import io.fleetstream.model.RawRecord;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kinesis.source.serialization.KinesisDeserializationSchema;
import org.apache.flink.kinesis.shaded.software.amazon.awssdk.core.SdkBytes;
import org.apache.flink.kinesis.shaded.software.amazon.awssdk.services.kinesis.model.Record;
import org.apache.flink.util.Collector;

/**
 * Kinesis records as {@link RawRecord}s. Parsing happens later so that a bad record becomes a dead letter instead
 * of failing the source. The source position is {@code kinesis:<stream name>/<shard id>@<sequence number>}; the
 * ingest time is the record's approximate arrival time in the stream, so a replay sees the same one.
 */
public final class KinesisRawDeserializer implements KinesisDeserializationSchema<RawRecord> {
    private static final long serialVersionUID = 1L;
    private static final byte[] EMPTY = new byte[0];

    private transient String lastArn;
    private transient String lastPrefix;

    @Override
    public void deserialize(Record record, String streamArn, String shardId, Collector<RawRecord> out) {
        SdkBytes data = record.data();
        Instant arrival = record.approximateArrivalTimestamp();
        out.collect(new RawRecord(data == null ? EMPTY : data.asByteArray(),
                prefix(streamArn) + shardId + '@' + record.sequenceNumber(),
                arrival != null ? arrival.toEpochMilli() : System.currentTimeMillis()));
    }

    /** {@code kinesis:<name>/}; the ARN is the same for every record of a source, so it is derived once. */
    private String prefix(String streamArn) {
        if (!streamArn.equals(lastArn)) {
            lastArn = streamArn;
            lastPrefix = "kinesis:" + streamArn.substring(streamArn.lastIndexOf('/') + 1) + '/';
        }
        return lastPrefix;
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
