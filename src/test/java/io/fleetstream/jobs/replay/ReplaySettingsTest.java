package io.fleetstream.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.jobs.config.ConfigException;
import io.fleetstream.jobs.config.ConfigLoader;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A replay's window, run id and output folder are checked before anything runs, naming the keys at fault. */
class ReplaySettingsTest {
    private static final Instant NOW = Instant.parse("2025-11-23T08:15:00.123Z");

    private static ReplaySettings settings(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("lake.path", "s3://bucket/lake/");
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return ReplaySettings.of(ConfigLoader.fromMap(m), NOW);
    }

    @Test
    void theWindowIsRequiredAndFromMustBeBeforeTo() {
        assertThatThrownBy(() -> settings("replay.to", "2025-11-21T00:00:00Z"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("replay.from is required");
        assertThatThrownBy(() -> settings("replay.from", "2025-11-21T00:00:00Z", "replay.to", "2025-11-20"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("replay.from (2025-11-21T00:00:00Z) must be "
                        + "before replay.to (2025-11-20T00:00:00Z)");
        assertThatThrownBy(() -> settings("replay.from", "yesterday", "replay.to", "2025-11-20"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("invalid value 'yesterday' for option 'replay.from'");
        assertThatThrownBy(() -> settings("replay.from", "2025-11-20", "replay.to", "2025-11-21",
                "replay.run-id", "../elsewhere"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("option 'replay.run-id'");
        assertThatThrownBy(() -> settings("replay.from", "2025-11-20", "replay.to", "2025-11-21",
                "source.type", "lake", "replay.output.path", "s3://bucket/lake"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("option 'replay.output.path'")
                .hasMessageContaining("the lake the replay reads");
    }

    @Test
    void aRunIsNamedAfterItsWindowAndWritesUnderTheLakesReplaysFolder() {
        ReplaySettings s = settings("replay.from", "2025-11-20T00:00:00Z", "replay.to", "2025-11-21T01:00:00+01:00",
                "replay.devices", " b, a ,", "replay.margin", "2 min");
        assertThat(s.runId).matches("replay-20251120T000000Z-20251121T000000Z-[0-9a-z]{6}");
        assertThat(s.outputPath).isEqualTo("s3://bucket/lake/replays/" + s.runId);
        assertThat(s.devices).containsExactly("a", "b");
        assertThat(s.groups).isEmpty();
        assertThat(s.readFrom()).isEqualTo(Instant.parse("2025-11-19T23:58:00Z"));
        assertThat(s.readTo()).isEqualTo(Instant.parse("2025-11-21T00:02:00Z"));

        ReplaySettings named = settings("replay.from", "2025-11-20", "replay.to", "2025-11-21", "replay.run-id",
                "incident-42", "replay.output.path", "file:///tmp/out/");
        assertThat(named.runId).isEqualTo("incident-42");
        assertThat(named.outputPath).isEqualTo("file:///tmp/out");
        assertThat(named.defaultOutput).isFalse();
    }
}
