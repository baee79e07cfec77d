package io.fleetstream.anomaly.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Binary form of a {@link Model}: a version byte, a fixed header (settings, shingle, thresholder), the
 * forest's input floats as one bulk block, then the forest's bit stream (see {@link ForestCodec}).
 * A new layout gets a new version byte; decoders reject versions they do not know.
 */
public final class ModelCodec {
    public static final byte VERSION = 1;

    private ModelCodec() {
    }

    public static byte[] encode(Model m) {
        ForestCodec.Encoded f = ForestCodec.encode(m.forest, m.inputs, m.shingleSize);
        int header = 1 + 5 * 4 + 8 * 4 + 4 * 2 + 1 + 8 + 4 * m.shingle.length + 8 * 4;
        ByteBuffer b = ByteBuffer.allocate(header + 4 + 4 * f.floatCount + f.bits.length);
        b.put(VERSION);
        b.putInt(m.inputs).putInt(m.shingleSize).putInt(m.numberOfTrees).putInt(m.sampleSize)
                .putInt(m.outputAfter);
        b.putDouble(m.timeDecay).putLong(m.seed).putDouble(m.anomalyRate).putDouble(m.scoreHorizon);
        b.putFloat(m.relativeTolerance).putFloat(m.absoluteTolerance);
        b.put((byte) (m.alwaysAttribute ? 1 : 0));
        b.putLong(m.inputsSeen);
        for (float v : m.shingle) {
            b.putFloat(v);
        }
        ScoreThresholder th = m.thresholder;
        b.putLong(th.count()).putDouble(th.mean()).putDouble(th.variance()).putLong(th.sinceAlarm());
        b.putInt(f.floatCount);
        // floats in little-endian order: a plain memory copy on the machines we run on
        b.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(f.floats, 0, f.floatCount);
        b.position(b.position() + 4 * f.floatCount);
        b.put(f.bits);
        return b.array();
    }

    public static Model decode(byte[] bytes) {
        return decode(bytes, null);
    }

    /**
     * Decodes into {@code reuse}'s arrays when it has the same settings (its contents are lost), else into a
     * new model: a keyed operator that decodes, processes and encodes one key after another then allocates
     * nothing per event.
     */
    public static Model decode(byte[] bytes, Model reuse) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("empty model state");
        }
        if (bytes[0] != VERSION) {
            throw new IllegalArgumentException("unknown model state version " + bytes[0] + " (this build reads "
                    + VERSION + ")");
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            b.position(1);
            int inputs = b.getInt();
            int shingle = b.getInt();
            int trees = b.getInt();
            int sample = b.getInt();
            int outputAfter = b.getInt();
            double timeDecay = b.getDouble();
            long seed = b.getLong();
            double rate = b.getDouble();
            double horizon = b.getDouble();
            float relTol = b.getFloat();
            float absTol = b.getFloat();
            boolean always = b.get() != 0;
            Model m = reuse != null && reuse.sameSettings(inputs, shingle, trees, sample, outputAfter, timeDecay, seed,
                    rate, horizon, relTol, absTol, always) ? reuse
                    : new Model(inputs, shingle, trees, sample, outputAfter, timeDecay, seed, rate, horizon, relTol,
                            absTol, always);
            m.inputsSeen = b.getLong();
            for (int i = 0; i < m.shingle.length; i++) {
                m.shingle[i] = b.getFloat();
            }
            m.thresholder.restore(b.getLong(), b.getDouble(), b.getDouble(), b.getLong());
            int floatCount = b.getInt();
            FloatBuffer floats = b.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            floats.limit(floatCount);
            int bitsAt = b.position() + 4 * floatCount;
            ForestCodec.decode(m.forest, inputs, shingle, floats, new BitInput(bytes, bitsAt));
            return m;
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException("corrupt model state", e);
        }
    }
}
