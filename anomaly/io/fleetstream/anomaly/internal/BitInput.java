package io.fleetstream.anomaly.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reader for {@link BitOutput}'s format. Every read is one unaligned 64-bit load and two shifts, which keeps
 * decoding a model close to copying it.
 */
final class BitInput {
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] buf;
    /** Bytes from here on are not the stream's (a checksum follows it): they read as zeros. */
    private final int end;
    private long bitPos;
    private final long bitEnd;

    BitInput(byte[] buf, int offset) {
        this(buf, offset, buf.length);
    }

    BitInput(byte[] buf, int offset, int end) {
        this.buf = buf;
        this.end = end;
        this.bitPos = offset * 8L;
        this.bitEnd = end * 8L;
    }

    private long word(int at) {
        if (at + 8 <= end) {
            return (long) LONG_BE.get(buf, at);
        }
        long w = 0;
        for (int i = 0; i < 8; i++) {
            w = (w << 8) | (at + i < end ? buf[at + i] & 0xFF : 0);
        }
        return w;
    }

    /** Reads n bits, 0 <= n <= 56. */
    long bits(int n) {
        if (n == 0) {
            return 0;
        }
        if (bitPos + n > bitEnd) {
            throw new IllegalArgumentException("truncated model state");
        }
        long w = word((int) (bitPos >>> 3)) << (bitPos & 7);
        bitPos += n;
        return w >>> (64 - n);
    }

    long position() {
        return bitPos;
    }

    /** Moves to bit p, which must not be past the end. */
    void position(long p) {
        if (p > bitEnd) {
            throw new IllegalArgumentException("truncated model state");
        }
        bitPos = p;
    }

    /**
     * The 64 bits from bit p on, of which at least 57 are the stream's (zeros past the end): a decoder that reads
     * many short fields keeps this window and its own position, and calls {@link #position(long)} when done.
     */
    long window(long p) {
        return word((int) (p >>> 3)) << (p & 7);
    }

    void skip(int n) {
        if (bitPos + n > bitEnd) {
            throw new IllegalArgumentException("truncated model state");
        }
        bitPos += n;
    }

    boolean bit() {
        return bits(1) != 0;
    }

    int u32() {
        return (int) ((bits(16) << 16) | bits(16));
    }

    long u64() {
        return ((long) u32() << 32) | (u32() & 0xFFFFFFFFL);
    }

    float f32() {
        return Float.intBitsToFloat(u32());
    }

    double f64() {
        return Double.longBitsToDouble(u64());
    }

    long gamma() {
        long w = word((int) (bitPos >>> 3)) << (bitPos & 7);
        int z = Long.numberOfLeadingZeros(w);
        int n;
        if (w != 0 && z <= 28) {
            // the run of zeros and the terminating one are in this word
            if (bitPos + z + 1 > bitEnd) {
                throw new IllegalArgumentException("truncated model state");
            }
            bitPos += z + 1;
            n = z;
        } else {
            n = 0;
            while (bits(1) == 0) {
                n++;
                if (n > 63) {
                    throw new IllegalArgumentException("corrupt model state");
                }
            }
        }
        if (n <= 56) {
            return (1L << n) | bits(n);
        }
        long high = (1L << (n - 32)) | bits(n - 32);
        return (high << 32) | bits(32);
    }

    long natural() {
        return gamma() - 1;
    }
}
