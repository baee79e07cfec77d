package io.fleetstream.jobs.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SimulatorSpecTest {

    private static SimulatorSpec.Builder valid() {
        return SimulatorSpec.builder().start(TestFleets.START);
    }

    @Test
    void defaultsMatchTheDocumentedFleet() {
        SimulatorSpec s = valid().build();
        assertThat(s.devices()).isEqualTo(100);
        assertThat(s.seed()).isEqualTo(42);
        assertThat(s.start()).isEqualTo(TestFleets.START);
        assertThat(s.interval()).isEqualTo(10_000);
        assertThat(s.rounds()).isEqualTo(1080);
        assertThat(s.bundleFraction()).isEqualTo(0.1);
        assertThat(s.bundleSize()).isEqualTo(6);
        assertThat(s.duplicateRate()).isEqualTo(0.01);
        assertThat(s.outOfOrderRate()).isEqualTo(0.02);
        assertThat(s.faultRate()).isEqualTo(0.1);
        assertThat(s.malformedRate()).isEqualTo(0.001);
        assertThat(s.isoTimestampFraction()).isEqualTo(0.1);
        assertThat(s.end()).isEqualTo(TestFleets.START + 1080 * 10_000L);
    }

    @Test
    void startIsRequired() {
        assertThatThrownBy(() -> SimulatorSpec.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start");
    }

    @Test
    void outOfRangeValuesAreRejectedNamingFieldAndRange() {
        rejects(b -> b.devices(0), "devices must be in [1, 1000000], was 0");
        rejects(b -> b.start(-1), "start must be in [0, ");
        rejects(b -> b.interval(0), "interval must be in [1, 3600000], was 0");
        rejects(b -> b.rounds(0), "rounds must be in [1, ");
        rejects(b -> b.rounds(Long.MAX_VALUE), "rounds must be in [1, ");
        rejects(b -> b.bundleFraction(1.5), "bundleFraction must be in [0.0, 1.0], was 1.5");
        rejects(b -> b.bundleSize(0), "bundleSize must be in [1, 1000], was 0");
        rejects(b -> b.duplicateRate(-0.1), "duplicateRate must be in [0.0, 1.0], was -0.1");
        rejects(b -> b.outOfOrderRate(Double.NaN), "outOfOrderRate must be in [0.0, 1.0], was NaN");
        rejects(b -> b.faultRate(2), "faultRate must be in [0.0, 1.0], was 2.0");
        rejects(b -> b.malformedRate(-1), "malformedRate must be in [0.0, 1.0], was -1.0");
        rejects(b -> b.isoTimestampFraction(1.01), "isoTimestampFraction must be in [0.0, 1.0], was 1.01");
    }

    private static void rejects(UnaryOperator<SimulatorSpec.Builder> change, String message) {
        assertThatThrownBy(() -> change.apply(valid()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void toBuilderRoundTripsAndCleanTurnsOffEveryDisturbance() {
        SimulatorSpec s = TestFleets.disturbed();
        assertThat(s.toBuilder().build()).isEqualTo(s).hasSameHashCodeAs(s);
        SimulatorSpec clean = s.toBuilder().clean().build();
        assertThat(clean.bundleFraction() + clean.duplicateRate() + clean.outOfOrderRate() + clean.faultRate()
                + clean.malformedRate() + clean.isoTimestampFraction()).isZero();
        assertThat(clean.devices()).isEqualTo(s.devices());
    }
}
