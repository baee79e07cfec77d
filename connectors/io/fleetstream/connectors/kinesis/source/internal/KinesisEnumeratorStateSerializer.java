package io.fleetstream.connectors.kinesis.source.internal;

import io.fleetstream.connectors.kinesis.source.StartingPosition;
import io.fleetstream.connectors.kinesis.source.internal.ShardEntry.Status;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The enumerator's checkpoint: from version 2 the starting position of fresh shards, then (as in version 1, the
 * bounded replay source's) a count, then per shard its id, its parents, a status byte (0 pending, 1 assigned,
 * 2 finished) and, when finished, the outcome code.
 */
public final class KinesisEnumeratorStateSerializer implements SimpleVersionedSerializer<KinesisEnumeratorState> {
    private static final int VERSION = 2;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(KinesisEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64 + 48 * state.shards.size());
        StartingPositions.write(state.start, out);
        out.writeInt(state.shards.size());
        for (ShardEntry e : state.shards) {
            out.writeUTF(e.shardId);
            out.writeByte(e.parents.size());
            for (String p : e.parents) {
                out.writeUTF(p);
            }
            out.writeByte(statusCode(e.status));
            if (e.outcome != null) {
                out.writeByte(e.outcome.code);
            }
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public KinesisEnumeratorState deserialize(int version, byte[] bytes) throws IOException {
        if (version != 1 && version != VERSION) {
            throw new IOException("unknown version " + version + " of a Kinesis enumerator checkpoint");
        }
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        StartingPosition start = version == 1 ? null : StartingPositions.read(in);
        int n = in.readInt();
        List<ShardEntry> shards = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = in.readUTF();
            int parentCount = in.readByte();
            List<String> parents = new ArrayList<>(parentCount);
            for (int j = 0; j < parentCount; j++) {
                parents.add(in.readUTF());
            }
            Status status = status(in.readByte());
            ShardOutcome outcome = status == Status.FINISHED ? ShardOutcome.ofCode(in.readByte()) : null;
            shards.add(new ShardEntry(id, parents, status, outcome));
        }
        return new KinesisEnumeratorState(start, shards);
    }

    private static int statusCode(Status s) {
        switch (s) {
            case PENDING:
                return 0;
            case ASSIGNED:
                return 1;
            default:
                return 2;
        }
    }

    private static Status status(int code) throws IOException {
        switch (code) {
            case 0:
                return Status.PENDING;
            case 1:
                return Status.ASSIGNED;
            case 2:
                return Status.FINISHED;
            default:
                throw new IOException("unknown shard status code " + code);
        }
    }
}
