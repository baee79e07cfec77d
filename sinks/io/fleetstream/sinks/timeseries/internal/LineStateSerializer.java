package io.fleetstream.sinks.timeseries.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

/** Lines buffered at a checkpoint, each as its length and UTF-8 bytes. */
public final class LineStateSerializer extends AsyncSinkWriterStateSerializer<byte[]> {
    @Override
    protected void serializeRequestToStream(byte[] line, DataOutputStream out) throws IOException {
        out.writeInt(line.length);
        out.write(line);
    }

    @Override
    protected byte[] deserializeRequestFromStream(long requestSize, DataInputStream in) throws IOException {
        byte[] line = new byte[in.readInt()];
        in.readFully(line);
        return line;
    }

    @Override
    public int getVersion() {
        return 1;
    }
}
