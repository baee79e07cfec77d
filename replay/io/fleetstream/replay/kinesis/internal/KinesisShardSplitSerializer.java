package io.fleetstream.replay.kinesis.internal;

import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Splits in reader checkpoints: shard id, last emitted sequence number (optional), outcome code (0 = none). */
public final class KinesisShardSplitSerializer implements SimpleVersionedSerializer<KinesisShardSplit> {
    private static final int VERSION = 1;

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
        return out.getCopyOfBuffer();
    }

    @Override
    public KinesisShardSplit deserialize(int version, byte[] bytes) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown version " + version + " of a Kinesis replay split");
        }
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        String shardId = in.readUTF();
        String last = in.readBoolean() ? in.readUTF() : null;
        int outcome = in.readByte();
        return new KinesisShardSplit(shardId, last, outcome == 0 ? null : ShardOutcome.ofCode(outcome));
    }
}
