package io.fleetstream.operators.anomaly;

import io.fleetstream.anomaly.AnomalyDetector;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes a {@link DeviceModel} with the anomaly library's compact codec, which carries its own version byte so the
 * model's layout can evolve under existing savepoints, and a checksum. With RocksDB every access (de)serializes the
 * model, so this is on the per-reading path: no reflection, no Kryo.
 *
 * <p>A detector the codec refuses comes back as an unreadable {@link DeviceModel}, not as an exception, and the
 * operator resets it at its first use.
 */
public final class DeviceModelSerializer extends TypeSerializerSingleton<DeviceModel> {
    private static final long serialVersionUID = 1L;

    public static final DeviceModelSerializer INSTANCE = new DeviceModelSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public DeviceModel createInstance() {
        return null;
    }

    @Override
    public DeviceModel copy(DeviceModel from) {
        if (from == null) {
            return null;
        }
        if (from.detector == null) {
            return DeviceModel.unreadable(from.metrics.clone(), from.last.clone(), from.lastTime, from.expiryTimer,
                    from.normalizer.copy(), from.unreadableBytes.clone(), from.unreadable);
        }
        return new DeviceModel(from.metrics.clone(), from.last.clone(), from.lastTime,
                from.expiryTimer, AnomalyDetector.decode(from.detector.encode()), from.normalizer.copy());
    }

    @Override
    public DeviceModel copy(DeviceModel from, DeviceModel reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(DeviceModel m, DataOutputView out) throws IOException {
        out.writeShort(m.metrics.length);
        for (int i = 0; i < m.metrics.length; i++) {
            out.writeUTF(m.metrics[i]);
            out.writeDouble(m.last[i]);
            out.writeDouble(m.normalizer.mean[i]);
            out.writeDouble(m.normalizer.var[i]);
        }
        out.writeLong(m.normalizer.count);
        out.writeLong(m.lastTime);
        out.writeLong(m.expiryTimer);
        byte[] model = m.detector != null ? m.detector.encode() : m.unreadableBytes;
        out.writeInt(model.length);
        out.write(model);
    }

    @Override
    public DeviceModel deserialize(DataInputView in) throws IOException {
        int n = in.readShort();
        String[] metrics = new String[n];
        double[] last = new double[n];
        double[] mean = new double[n];
        double[] var = new double[n];
        for (int i = 0; i < n; i++) {
            metrics[i] = in.readUTF();
            last[i] = in.readDouble();
            mean[i] = in.readDouble();
            var[i] = in.readDouble();
        }
        Normalizer normalizer = new Normalizer(mean, var, in.readLong());
        long lastTime = in.readLong();
        long expiry = in.readLong();
        byte[] model = new byte[in.readInt()];
        in.readFully(model);
        AnomalyDetector detector;
        try {
            detector = AnomalyDetector.decode(model);
        } catch (IllegalArgumentException e) {
            return DeviceModel.unreadable(metrics, last, lastTime, expiry, normalizer, model, e.getMessage());
        }
        return new DeviceModel(metrics, last, lastTime, expiry, detector, normalizer);
    }

    @Override
    public DeviceModel deserialize(DeviceModel reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<DeviceModel> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Serializer snapshot for savepoints; the codec's own version byte handles changes of the model format. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<DeviceModel> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
