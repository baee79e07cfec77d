package io.fleetstream.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.jobs.config.ConfigException;
import io.fleetstream.jobs.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnomalyOptionsTest {

    @Test
    void groupModelsWithAShingleNameBothKeys() {
        assertThatThrownBy(() -> TelemetryPipeline.anomalySettings(ConfigLoader.fromMap(Map.of(
                "anomaly.key-by", "group", "anomaly.shingle", "4"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("invalid value '4' for option 'anomaly.shingle': expected 1 when "
                        + "anomaly.key-by is group");
    }

    @Test
    void keyByAcceptsDeviceOrGroupOnly() {
        assertThat(TelemetryPipeline.anomalySettings(ConfigLoader.fromMap(Map.of(
                "anomaly.key-by", "group", "anomaly.shingle", "1"))).byGroup()).isTrue();
        assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("anomaly.key-by", "fleet")))
                .hasMessageContaining("anomaly.key-by").hasMessageContaining("device").hasMessageContaining("group");
    }
}
