package io.fleetstream.anomaly.internal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Binary form of a {@link Model}: a version byte, a fixed header (settings, shingle, thresholder, input grid),
 * the forest's bit stream (see {@link ForestCodec}), then a CRC32C of all the bytes before it.
 * A new layout gets a new version byte; decoders reject versions they do not know.
 *
 * <p>Why a checksum: the decoder checks the structure it reads, but most changed bits still give a model, just a
 * different one (a changed value, cut or key), and some give a forest that breaks later, while it learns. Heap
 * checkpoints and canonical savepoints carry no checksum of their values, so the model carries its own: a changed
 * or cut model is refused before anything is parsed.
 */
public final class ModelCodec {
    /**
     * The layout this build writes: that of {@link #UNCHECKED_VERSION}, then the checksum. Not 4: a new model with
     * a flipped bit in its version byte must never pass for an old one, which is read without a checksum. 4 (100)
     * is three flips from 3 (011); 0x3C (0011 1100) is six. CRC32C catches every change of up to three bits in
     * messages far longer than a model (Hamming distance 4 up to 2^31 bits), checksum included, so a new model
     * with one to three flipped bits is refused: by its checksum, or as an unknown version. A later version
     * should keep at least four bits from every version its build still reads, for the same reason.
     */
    public static final byte VERSION = 0x3C;
    /**
     * The layout before the checksum, still read so models in existing checkpoints restore; nothing can check
     * them, and they are written as {@link #VERSION} at their first write.
     */
    public static final byte UNCHECKED_VERSION = 3;
    private static final int CHECKSUM_BYTES = 4;
    /** The header without its per-input and per-shingle parts: no model is shorter. */
    private static final int FIXED_HEADER = 1 + 5 * 4 + 8 * 4 + 4 * 2 + 1 + 8 + 8 * 4 + 8 + 4;

    private ModelCodec() {
    }

    public static byte[] encode(Model m) {
        InputGrid grid = m.grid;
        byte[] forest = ForestCodec.encode(m.forest, m.inputs, m.shingleSize, grid.step);
        int header = FIXED_HEADER + 4 * m.shingle.length + m.inputs * (4 + 1 + 8 + 8);
        int payload = header + forest.length;
        ByteBuffer b = ByteBuffer.allocate(payload + CHECKSUM_BYTES);
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
        b.putInt(checksum(b.array(), payload));
        return b.array();
    }

    private static int checksum(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
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
        int end = parsedLength(bytes);
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes, 0, end);
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
            ForestCodec.decode(m.forest, inputs, shingle, grid.step, new BitInput(bytes, b.position(), end));
            return m;
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException("corrupt model state", e);
        }
    }

    /**
     * How many bytes of {@code bytes} are the model, once its version is known and its checksum (if it has one)
     * matches: nothing is parsed before, so a changed model cannot reach the parser.
     */
    private static int parsedLength(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("corrupt model state: empty");
        }
        if (bytes[0] == UNCHECKED_VERSION) {
            return bytes.length;
        }
        if (bytes[0] != VERSION) {
            throw new IllegalArgumentException("corrupt model state or a version this build cannot read: version "
                    + bytes[0] + " (it reads " + VERSION + " and " + UNCHECKED_VERSION + ")");
        }
        int end = bytes.length - CHECKSUM_BYTES;
        if (end < FIXED_HEADER) {
            throw new IllegalArgumentException("corrupt model state: truncated to " + bytes.length + " bytes");
        }
        int stored = ByteBuffer.wrap(bytes, end, CHECKSUM_BYTES).getInt();
        if (stored != checksum(bytes, end)) {
            throw new IllegalArgumentException("corrupt model state: checksum mismatch (changed or truncated, "
                    + bytes.length + " bytes)");
        }
        return end;
    }
}
