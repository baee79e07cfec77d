package io.fleetstream.connectors.kinesis.source.internal;

import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Splits in reader checkpoints: shard id, last emitted sequence number (optional), outcome code (0 = none); from
 * version 2 also the last emitted sub-record of an aggregate (-1 = all of it) and the starting position. Version
 * 1, the bounded replay source's, is read with the source's own starting position.
 */
public final class KinesisShardSplitSerializer implements SimpleVersionedSerializer<KinesisShardSplit> {
    private static final int VERSION = 2;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(KinesisShardSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(96);
        out.writeUTF(split.shardId());
        out.writeBoolean(split.lastSequenceNumber() != null);
        if (split.lastSequenceNumber() != null) {
            out.writeUTF(split.lastSequenceNumber());
        }
        out.writeByte(split.outcome() == null ? 0 : split.outcome().code);
        out.writeInt(split.lastSubSequenceNumber());
        StartingPositions.write(split.start(), out);
        return out.getCopyOfBuffer();
    }

    @Override
    public KinesisShardSplit deserialize(int version, byte[] bytes) throws IOException {
        if (version != 1 && version != VERSION) {
            throw new IOException("unknown version " + version + " of a Kinesis shard split");
        }
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        String shardId = in.readUTF();
        String last = in.readBoolean() ? in.readUTF() : null;
        int outcome = in.readByte();
        int lastSub = version == 1 ? KinesisShardSplit.WHOLE_RECORD : in.readInt();
        return new KinesisShardSplit(shardId, version == 1 ? null : StartingPositions.read(in), last, lastSub,
                outcome == 0 ? null : ShardOutcome.ofCode(outcome));
    }
}
