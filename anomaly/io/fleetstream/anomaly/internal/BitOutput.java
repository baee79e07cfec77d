package io.fleetstream.anomaly.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Big-endian bit writer over a growable byte array. */
final class BitOutput {
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buf;
    private int pos;
    private long acc;
    private int accBits;

    BitOutput(int initialBytes) {
        buf = new byte[Math.max(16, initialBytes)];
    }

    /** Writes the low {@code n} bits of {@code v}, 0 <= n <= 57. */
    void bits(long v, int n) {
        if (n > 32) {
            bits(v >>> 32, n - 32);
            bits(v, 32);
            return;
        }
        if (n == 0) {
            return;
        }
        // fewer than 32 bits pending, so up to 63 after this: whole 32-bit words go out in one store, where a loop
        // of byte stores took a mispredicted exit on most calls
        acc = (acc << n) | (v & (-1L >>> (64 - n)));
        accBits += n;
        if (accBits >= 32) {
            if (pos + 4 > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + 16));
            }
            accBits -= 32;
            INT_BE.set(buf, pos, (int) (acc >>> accBits));
            pos += 4;
        }
    }

    void bit(boolean b) {
        bits(b ? 1 : 0, 1);
    }

    void u32(int v) {
        bits(v >>> 16, 16);
        bits(v & 0xFFFF, 16);
    }

    void u64(long v) {
        u32((int) (v >>> 32));
        u32((int) v);
    }

    void f32(float v) {
        u32(Float.floatToRawIntBits(v));
    }

    void f64(double v) {
        u64(Double.doubleToRawLongBits(v));
    }

    /** Elias-gamma code of v >= 1: small values (sequence gaps, counts) take few bits. */
    void gamma(long v) {
        int n = 63 - Long.numberOfLeadingZeros(v);
        if (2 * n + 1 <= 57) {
            // v has n + 1 significant bits: written as 2n + 1 bits, its n leading zeros are the prefix
            bits(v, 2 * n + 1);
            return;
        }
        for (int z = n; z > 0; z -= 32) {
            bits(0, Math.min(z, 32));
        }
        if (n + 1 <= 57) {
            bits(v, n + 1);
        } else {
            bits(v >>> 32, n + 1 - 32);
            bits(v & 0xFFFFFFFFL, 32);
        }
    }

    /** Unsigned varint-like: gamma of v + 1. */
    void natural(long v) {
        gamma(v + 1);
    }

    byte[] toByteArray() {
        while (accBits >= 8) {
            accBits -= 8;
            put((byte) (acc >>> accBits));
        }
        if (accBits > 0) {
            put((byte) (acc << (8 - accBits)));
            accBits = 0;
        }
        return Arrays.copyOf(buf, pos);
    }

    private void put(byte b) {
        if (pos == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[pos++] = b;
    }
}
