package io.fleetstream.anomaly.internal;

import java.nio.ByteBuffer;

/**
 * Binary form of a {@link Model}: a version byte, a fixed header (settings, shingle, thresholder, input grid),
 * then the forest's bit stream (see {@link ForestCodec}).
 * A new layout gets a new version byte; decoders reject versions they do not know.
 */
public final class ModelCodec {
    public static final byte VERSION = 3;

    private ModelCodec() {
    }

    public static byte[] encode(Model m) {
        InputGrid grid = m.grid;
        byte[] forest = ForestCodec.encode(m.forest, m.inputs, m.shingleSize, grid.step);
        int header = 1 + 5 * 4 + 8 * 4 + 4 * 2 + 1 + 8 + 4 * m.shingle.length + 8 * 4 + 8 + 4
                + m.inputs * (4 + 1 + 8 + 8);
        ByteBuffer b = ByteBuffer.allocate(header + forest.length);
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
        b.putLong(grid.seen).putInt(grid.blockCount);
        for (int i = 0; i < m.inputs; i++) {
            b.putFloat(grid.step[i]).put((byte) (grid.provisional[i] ? 1 : 0)).putDouble(grid.mean[i])
                    .putDouble(grid.m2[i]);
        }
        b.put(forest);
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
            InputGrid grid = m.grid;
            grid.seen = b.getLong();
            grid.blockCount = b.getInt();
            for (int i = 0; i < inputs; i++) {
                grid.step[i] = b.getFloat();
                grid.provisional[i] = b.get() != 0;
                grid.mean[i] = b.getDouble();
                grid.m2[i] = b.getDouble();
            }
            ForestCodec.decode(m.forest, inputs, shingle, grid.step, new BitInput(bytes, b.position()));
            return m;
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException("corrupt model state", e);
        }
    }
}
