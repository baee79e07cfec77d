package io.fleetstream.jobs.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AsciiBufferTest {

    @Test
    void isoTimestampsAreTheSameInstantAsJavaTime() {
        SplittableRandom random = new SplittableRandom(7);
        AsciiBuffer b = new AsciiBuffer();
        long[] edges = {0, 951_782_400_000L, 951_868_799_999L, 4_107_542_400_000L, SimulatorSpec.MAX_EPOCH_MILLIS};
        for (long ms : edges) {
            b.reset();
            assertThat(Instant.parse(b.appendIsoMillis(ms).toString()).toEpochMilli()).isEqualTo(ms);
        }
        for (int i = 0; i < 200_000; i++) {
            long ms = random.nextLong(SimulatorSpec.MAX_EPOCH_MILLIS);
            b.reset();
            String iso = b.appendIsoMillis(ms).toString();
            assertThat(iso).hasSize(24);
            assertThat(Instant.parse(iso).toEpochMilli()).isEqualTo(ms);
        }
    }

    @Test
    void centsAreWrittenAsTheShortestDecimalThatParsesBackExactly() {
        AsciiBuffer b = new AsciiBuffer();
        assertThat(b.appendCents(390).toString()).isEqualTo("3.9");
        b.reset();
        assertThat(b.appendCents(400).toString()).isEqualTo("4.0");
        b.reset();
        assertThat(b.appendCents(-5).toString()).isEqualTo("-0.05");
        b.reset();
        assertThat(b.appendCents(123_456).toString()).isEqualTo("1234.56");
        for (long cents = -200_000; cents <= 200_000; cents += 7) {
            b.reset();
            assertThat(Double.parseDouble(b.appendCents(cents).toString())).isEqualTo(cents / 100.0);
            assertThat(Math.round(SignalModel.roundCents(cents / 100.0) * 100)).isEqualTo(cents);
        }
    }
}
