package io.fleetstream.connectors.kinesis.source;

/**
 * One user record as the source hands it to a {@link KinesisDeserializer}: a Kinesis record, or one sub-record of
 * a KPL-aggregated record (then with its index in the aggregate, its sub-sequence number).
 */
public final class KinesisRecord {
    private final byte[] data;
    private final String partitionKey;
    private final long arrivalTime;
    private final String shardId;
    private final String sequenceNumber;
    private final int subSequenceNumber;

    public KinesisRecord(byte[] data, String partitionKey, long arrivalTime, String shardId, String sequenceNumber,
            int subSequenceNumber) {
        this.data = data;
        this.partitionKey = partitionKey;
        this.arrivalTime = arrivalTime;
        this.shardId = shardId;
        this.sequenceNumber = sequenceNumber;
        this.subSequenceNumber = subSequenceNumber;
    }

    /** The payload (of the sub-record, when aggregated); not copied, so a deserializer may keep it. */
    public byte[] data() {
        return data;
    }

    public String partitionKey() {
        return partitionKey;
    }

    /** The approximate arrival time in the stream, epoch milliseconds; also the record's Flink timestamp. */
    public long arrivalTime() {
        return arrivalTime;
    }

    public String shardId() {
        return shardId;
    }

    /** The Kinesis record's sequence number, shared by every sub-record of an aggregate. */
    public String sequenceNumber() {
        return sequenceNumber;
    }

    /** Index in its KPL aggregate; -1 for a record that is not aggregated. */
    public int subSequenceNumber() {
        return subSequenceNumber;
    }

    public boolean isAggregated() {
        return subSequenceNumber >= 0;
    }

    /** {@code <shard id>@<sequence number>}, with {@code .<sub-sequence number>} for a sub-record: unique. */
    public String position() {
        String p = shardId + '@' + sequenceNumber;
        return subSequenceNumber < 0 ? p : p + '.' + subSequenceNumber;
    }

    @Override
    public String toString() {
        return position() + " (" + data.length + " bytes, key " + partitionKey + ")";
    }
}
