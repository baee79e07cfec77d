package io.fleetstream.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.jobs.config.Command;
import io.fleetstream.jobs.config.ConfigException;
import io.fleetstream.jobs.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollupOptionsTest {

    @Test
    void slideThatDoesNotDivideTheSlidingSizeIsRejectedAtStartUp() {
        assertThatThrownBy(() -> ConfigLoader.fromMap(Command.TELEMETRY, Map.of(
                "lake.path", "/lake", "rollup.sliding.size", "5m", "rollup.sliding.slide", "2m")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value '2m' for option 'rollup.sliding.slide': expected a whole number of "
                        + "milliseconds that divides rollup.sliding.size ('5m') evenly");
        assertThatThrownBy(() -> ConfigLoader.fromMap(Command.REPLAY, Map.of("rollup.sliding.slide", "10m")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("invalid value '10m' for option 'rollup.sliding.slide': expected at most "
                        + "rollup.sliding.size ('5 min' (the default))");
    }

    @Test
    void slideThatDividesTheSlidingSizeIsAccepted() {
        assertThat(TelemetryPipeline.slidingWindow(ConfigLoader.fromMap(Command.TELEMETRY, Map.of(
                "lake.path", "/lake", "rollup.sliding.size", "6m", "rollup.sliding.slide", "90s"))).label())
                .isEqualTo("6m/90s");
    }
}
