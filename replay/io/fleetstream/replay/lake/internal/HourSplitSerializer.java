package io.fleetstream.replay.lake.internal;

import io.fleetstream.lake.LakeFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** Hour splits in checkpoints: the hour, its files with their groups, and how many readings were read. */
public final class HourSplitSerializer implements SimpleVersionedSerializer<HourSplit> {
    public static final HourSplitSerializer INSTANCE = new HourSplitSerializer();

    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    public byte[] serialize(HourSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public HourSplit deserialize(int version, byte[] bytes) throws IOException {
        if (version != 1) {
            throw new IOException("unknown lake split version " + version);
        }
        return read(new DataInputDeserializer(bytes));
    }

    static void write(HourSplit split, DataOutputView out) throws IOException {
        out.writeLong(split.hourStart());
        out.writeLong(split.readingsRead());
        out.writeInt(split.files().size());
        for (LakeFile f : split.files()) {
            out.writeUTF(f.path());
            out.writeBoolean(f.deviceGroup() != null);
            if (f.deviceGroup() != null) {
                out.writeUTF(f.deviceGroup());
            }
        }
    }

    static HourSplit read(DataInputView in) throws IOException {
        long hour = in.readLong();
        long read = in.readLong();
        int n = in.readInt();
        List<LakeFile> files = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String path = in.readUTF();
            String group = in.readBoolean() ? in.readUTF() : null;
            files.add(new LakeFile(path, group));
        }
        return new HourSplit(hour, files, read);
    }

    /** The enumerator's checkpoint: the splits not handed out yet. */
    public static final class Remaining implements SimpleVersionedSerializer<List<HourSplit>> {
        public static final Remaining INSTANCE = new Remaining();

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(List<HourSplit> splits) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(1024);
            out.writeInt(splits.size());
            for (HourSplit s : splits) {
                write(s, out);
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public List<HourSplit> deserialize(int version, byte[] bytes) throws IOException {
            if (version != 1) {
                throw new IOException("unknown lake enumerator state version " + version);
            }
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            int n = in.readInt();
            List<HourSplit> splits = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                splits.add(read(in));
            }
            return splits;
        }
    }
}
