package io.fleetstream.connectors.kinesis.sink.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

/** Checkpoints the entries still buffered in the sink, in a plain binary layout (no Java serialization). */
public final class KinesisEntryStateSerializer extends AsyncSinkWriterStateSerializer<KinesisEntry> {
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    protected void serializeRequestToStream(KinesisEntry e, DataOutputStream out) throws IOException {
        out.writeBoolean(e.isRejected());
        writeBytes(out, e.partitionKey == null ? null : e.partitionKey.getBytes(StandardCharsets.UTF_8));
        writeBytes(out, e.isRejected() ? e.rejection.getBytes(StandardCharsets.UTF_8) : e.data);
    }

    @Override
    protected KinesisEntry deserializeRequestFromStream(long requestSize, DataInputStream in) throws IOException {
        boolean rejected = in.readBoolean();
        byte[] key = readBytes(in);
        String partitionKey = key == null ? null : new String(key, StandardCharsets.UTF_8);
        byte[] rest = readBytes(in);
        return rejected ? KinesisEntry.rejected(partitionKey, new String(rest, StandardCharsets.UTF_8))
                : RecordLimits.entry(partitionKey, rest);
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b == null ? -1 : b.length);
        if (b != null) {
            out.write(b);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
