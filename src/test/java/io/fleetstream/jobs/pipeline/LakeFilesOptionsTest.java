package io.fleetstream.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.jobs.config.ConfigException;
import io.fleetstream.jobs.config.ConfigLoader;
import io.fleetstream.sinks.lake.LakeFiles;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LakeFilesOptionsTest {

    @Test
    void defaultsRollAt128MbOr15MinutesWithoutCompaction() {
        LakeFiles files = LakeOutputs.files(ConfigLoader.fromMap(Map.of()));
        assertThat(files.maxPartBytes()).isEqualTo(128L * 1024 * 1024);
        assertThat(files.maxPartAgeMillis()).isEqualTo(15 * 60_000L);
        assertThat(files.compacted()).isFalse();
    }

    @Test
    void rollingAndCompactionOptionsSetThePartFiles() {
        LakeFiles files = LakeOutputs.files(ConfigLoader.fromMap(Map.of("lake.rolling.max-size", "64 mb",
                "lake.rolling.max-age", "5 min", "lake.compaction.enabled", "true",
                "lake.compaction.checkpoints", "3")));
        assertThat(files.maxPartBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(files.maxPartAgeMillis()).isEqualTo(5 * 60_000L);
        assertThat(files.compacted()).isTrue();
        assertThat(files.compactionCheckpoints()).isEqualTo(3);
    }

    @Test
    void aTooSmallPartSizeFailsNamingTheOption() {
        assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("lake.rolling.max-size", "512 b")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("lake.rolling.max-size")
                .hasMessageContaining("at least 1 kb");
    }
}
