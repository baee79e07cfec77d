package io.fleetstream.sinks.dynamodb.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

/** Checkpoints the states still buffered in the sink, in a plain binary layout (no Java serialization). */
public final class DeviceUpdateStateSerializer extends AsyncSinkWriterStateSerializer<DeviceUpdate> {
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    protected void serializeRequestToStream(DeviceUpdate u, DataOutputStream out) throws IOException {
        writeString(out, u.deviceId);
        out.writeBoolean(u.deviceGroup != null);
        if (u.deviceGroup != null) {
            writeString(out, u.deviceGroup);
        }
        out.writeLong(u.lastSeen);
        out.writeLong(u.snapshotTime);
        out.writeInt(u.metrics.length);
        for (int i = 0; i < u.metrics.length; i++) {
            writeString(out, u.metrics[i]);
            out.writeDouble(u.values[i]);
            out.writeLong(u.metricTimes[i]);
        }
        out.writeInt(u.activeAlarms.length);
        for (String a : u.activeAlarms) {
            writeString(out, a);
        }
    }

    @Override
    protected DeviceUpdate deserializeRequestFromStream(long requestSize, DataInputStream in) throws IOException {
        String deviceId = readString(in);
        String group = in.readBoolean() ? readString(in) : null;
        long lastSeen = in.readLong();
        long snapshotTime = in.readLong();
        int n = in.readInt();
        String[] metrics = new String[n];
        double[] values = new double[n];
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            metrics[i] = readString(in);
            values[i] = in.readDouble();
            times[i] = in.readLong();
        }
        String[] alarms = new String[in.readInt()];
        for (int i = 0; i < alarms.length; i++) {
            alarms[i] = readString(in);
        }
        return new DeviceUpdate(deviceId, group, lastSeen, snapshotTime, metrics, values, times, alarms);
    }

    // DataOutput.writeUTF stops at 64 KB; a length-prefixed UTF-8 string has no such limit.
    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
