package io.fleetstream.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.jobs.config.AnomalyOptions;
import io.fleetstream.jobs.config.Command;
import io.fleetstream.jobs.config.ConfigException;
import io.fleetstream.jobs.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnomalyOptionsTest {

    @Test
    void groupModelsWithAShingleNameBothKeys() {
        assertThatThrownBy(() -> ConfigLoader.fromMap(Command.TELEMETRY, Map.of(
                "lake.path", "/lake", "anomaly.key-by", "group")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value '4' (the default) for option 'anomaly.shingle': expected 1 when "
                        + "anomaly.enabled is true and anomaly.key-by is group (a shingle would string together "
                        + "readings of different devices)");
        assertThat(ConfigLoader.fromMap(Command.TELEMETRY, Map.of("lake.path", "/lake", "anomaly.key-by", "group",
                "anomaly.enabled", "false")).get(AnomalyOptions.SHINGLE)).as("no forest, no shingle").isEqualTo(4);
    }

    @Test
    void keyByAcceptsDeviceOrGroupOnly() {
        assertThat(TelemetryPipeline.anomalySettings(ConfigLoader.fromMap(Map.of(
                "anomaly.key-by", "group", "anomaly.shingle", "1"))).byGroup()).isTrue();
        assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("anomaly.key-by", "fleet")))
                .hasMessageContaining("anomaly.key-by").hasMessageContaining("device").hasMessageContaining("group");
    }
}
