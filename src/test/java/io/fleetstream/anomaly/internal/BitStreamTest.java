package io.fleetstream.anomaly.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BitStreamTest {

    /**
     * The writer flushes whole 32-bit words and the reader loads 64-bit windows: fields of every width from 0 to
     * 57 bits and Elias-gamma codes up to 2^63 must come back at every alignment, in the order written.
     */
    @Test
    void fieldsOfEveryWidthAndGammaCodesComeBackAtEveryAlignment() {
        Random r = new Random(3);
        int count = 20000;
        int[] width = new int[count];
        long[] value = new long[count];
        BitOutput out = new BitOutput(16);
        for (int i = 0; i < count; i++) {
            if (i % 3 == 0) {
                // gamma: lengths from 1 to 127 bits, so both the one-write and the split path are taken
                width[i] = -1;
                value[i] = 1 + (r.nextLong() >>> (1 + r.nextInt(63)));
                out.gamma(value[i]);
            } else {
                width[i] = r.nextInt(58);
                value[i] = width[i] == 0 ? 0 : r.nextLong() >>> (64 - width[i]);
                out.bits(value[i], width[i]);
            }
        }
        byte[] bytes = out.toByteArray();
        BitInput in = new BitInput(bytes, 0);
        for (int i = 0; i < count; i++) {
            long back = width[i] < 0 ? in.gamma() : in.bits(width[i]);
            assertThat(back).as("field %d of width %d", i, width[i]).isEqualTo(value[i]);
        }
        assertThat(bytes.length * 8L - in.position()).isBetween(0L, 7L);
    }

    @Test
    void readingPastTheEndIsAnErrorNotZeros() {
        BitOutput out = new BitOutput(16);
        out.bits(5, 3);
        BitInput in = new BitInput(out.toByteArray(), 0);
        in.bits(8);
        assertThatThrownBy(() -> in.bits(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
    }
}
