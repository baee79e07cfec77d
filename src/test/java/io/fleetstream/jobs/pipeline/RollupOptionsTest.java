package io.fleetstream.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.jobs.config.ConfigException;
import io.fleetstream.jobs.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollupOptionsTest {

    @Test
    void slideThatDoesNotDivideTheSlidingSizeIsRejectedAtStartUp() {
        assertThatThrownBy(() -> TelemetryPipeline.slidingWindow(ConfigLoader.fromMap(Map.of(
                "rollup.sliding.size", "5m", "rollup.sliding.slide", "2m"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value 'PT2M' for option 'rollup.sliding.slide': expected a whole number of "
                        + "milliseconds that divides rollup.sliding.size (PT5M) evenly");
        assertThatThrownBy(() -> TelemetryPipeline.slidingWindow(ConfigLoader.fromMap(Map.of(
                "rollup.sliding.size", "5m", "rollup.sliding.slide", "10m"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("rollup.sliding.slide");
    }

    @Test
    void slideThatDividesTheSlidingSizeIsAccepted() {
        assertThat(TelemetryPipeline.slidingWindow(ConfigLoader.fromMap(Map.of(
                "rollup.sliding.size", "6m", "rollup.sliding.slide", "90s"))).label()).isEqualTo("6m/90s");
    }
}
