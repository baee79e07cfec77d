package io.fleetstream.anomaly.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ValueCoderTest {

    @Test
    void gridValuesRawValuesAndJumpsComeBackBitForBit() {
        int columns = 3;
        float[] steps = {0.0625f, 0.5f, 0};
        Random r = new Random(5);
        int count = 3000;
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            int c = i % columns;
            double x = 20 * Math.sin(i / 30.0) + r.nextGaussian();
            if (i % 97 == 0) {
                x += 1e6; // a jump far beyond the Rice code's unary range
            }
            values[i] = c == 2 ? (float) x : (float) (Math.rint(x / steps[c]) * steps[c]);
            if (i % 211 == 0) {
                values[i] = (float) x + 0.01f; // off the grid: an escape
            }
        }
        values[4] = -0.0f;
        BitOutput out = new BitOutput(16);
        ValueCoder.encode(values, count, columns, steps, out);
        byte[] bytes = out.toByteArray();
        float[] back = new float[count];
        ValueCoder.decode(back, count, columns, steps, new BitInput(bytes, 0));
        for (int i = 0; i < count; i++) {
            assertThat(Float.floatToRawIntBits(back[i])).as("value %d", i).isEqualTo(Float.floatToRawIntBits(values[i]));
        }
    }

    @Test
    void smoothGridValuesTakeAFewBitsEach() {
        int count = 10000;
        float step = 0.0625f;
        float[] values = new float[count];
        Random r = new Random(6);
        for (int i = 0; i < count; i++) {
            values[i] = (float) (Math.rint((10 * Math.sin(i / 8.0) + r.nextGaussian()) / step) * step);
        }
        BitOutput out = new BitOutput(16);
        ValueCoder.encode(values, count, 1, new float[] {step}, out);
        // a raw float is 32 bits; a change of a few dozen steps needs about 8
        assertThat(out.toByteArray().length * 8.0 / count).isLessThan(9.5);
    }
}
