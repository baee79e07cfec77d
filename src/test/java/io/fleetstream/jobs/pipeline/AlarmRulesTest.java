package io.fleetstream.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.jobs.config.ConfigException;
import io.fleetstream.jobs.config.ConfigLoader;
import io.fleetstream.jobs.config.FleetConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlarmRulesTest {
    private static final String RULES = "rules:\n  - {name: hot, kind: threshold, metric: t, above: 8, for: 5m}\n";

    private static FleetConfig rulesPath(String path) {
        return ConfigLoader.fromMap(Map.of("rules.path", path));
    }

    @Test
    void withoutAPathTheBuiltInRulesApply() {
        assertThat(AlarmRules.load(ConfigLoader.fromMap(Map.of())).forGroup("reefers-west"))
                .extracting(r -> r.name).contains("reefer-temperature-high", "device-offline");
    }

    @Test
    void readsALocalPathOrAFileUri(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("rules.yaml"), RULES);
        assertThat(AlarmRules.load(rulesPath(file.toString())).rules()).extracting(r -> r.name).containsExactly("hot");
        assertThat(AlarmRules.load(rulesPath(file.toUri().toString())).rules()).hasSize(1);
    }

    @Test
    void aMissingFileFailsAtStartUpNamingTheOption(@TempDir Path dir) {
        assertThatThrownBy(() -> AlarmRules.load(rulesPath(dir.resolve("nope.yaml").toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'rules.path'").hasMessageContaining("nope.yaml");
    }

    @Test
    void aBadRuleFailsAtStartUpNamingTheOptionTheRuleAndTheKey(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("rules.yaml"), RULES.replace("above", "abov"));
        assertThatThrownBy(() -> AlarmRules.load(rulesPath(file.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'rules.path'").hasMessageContaining("(hot)").hasMessageContaining("abov");
    }
}
