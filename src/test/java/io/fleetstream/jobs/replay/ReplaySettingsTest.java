package io.fleetstream.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.jobs.config.Command;
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
        m.put("source.type", "lake");
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return ReplaySettings.of(ConfigLoader.fromMap(Command.REPLAY, m), NOW);
    }

    @Test
    void theWindowIsRequiredAndFromMustBeBeforeTo() {
        assertThatThrownBy(() -> settings("replay.to", "2025-11-21T00:00:00Z"))
                .isInstanceOf(ConfigException.class).hasMessage("replay.from is required for replay: an ISO-8601 "
                        + "instant such as 2025-11-20T00:00:00Z (the window is [replay.from, replay.to) in event time)");
        assertThatThrownBy(() -> settings("replay.from", "2025-11-21T00:00:00Z", "replay.to", "2025-11-20"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("replay.from (2025-11-21T00:00:00Z) must be "
                        + "before replay.to (2025-11-20T00:00:00Z)");
        assertThatThrownBy(() -> settings("replay.from", "yesterday", "replay.to", "2025-11-20"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value 'yesterday' for option 'replay.from': expected an ISO-8601 instant such as "
                        + "2025-11-20T00:00:00Z (or a date: midnight UTC)");
        assertThatThrownBy(() -> settings("replay.from", "2025-11-20", "replay.to", "2025-11-21",
                "replay.run-id", "../elsewhere"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("option 'replay.run-id'");
        assertThatThrownBy(() -> settings("replay.from", "2025-11-20", "replay.to", "2025-11-21",
                "source.type", "lake", "replay.output.path", "s3://bucket/lake"))
                .isInstanceOf(ConfigException.class).hasMessage("invalid value 's3://bucket/lake' for option "
                        + "'replay.output.path': with source.type lake it is the lake the replay reads (lake.path); its "
                        + "readings would be written again into the table they are read from");
        assertThatThrownBy(() -> settings("replay.from", "2025-11-20", "replay.to", "2025-11-21",
                "source.type", "simulator"))
                .isInstanceOf(ConfigException.class).hasMessage("invalid value 'simulator' for option 'source.type' "
                        + "with replay: expected kinesis, kafka, lake or file (a replay reads recorded history)");
        Map<String, String> noLake = new HashMap<>(Map.of("source.type", "file", "source.file.path", "/in",
                "replay.from", "2025-11-20", "replay.to", "2025-11-21"));
        assertThatThrownBy(() -> ConfigLoader.fromMap(Command.REPLAY, noLake))
                .hasMessage("lake.path is required when replay.output.path is not set: the run writes to "
                        + "<lake.path>/replays/<run id>");
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
