package io.fleetstream.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPathsTest {
    @TempDir
    Path dir;

    @Test
    void acceptsAnExistingInputAndALakeFolderThatCanBeCreated() throws Exception {
        Path input = Files.writeString(dir.resolve("in.ndjson"), "{}\n");

        assertThatCode(() -> LocalPaths.check(cfg(input.toString(), dir.resolve("lake/new").toUri().toString())))
                .doesNotThrowAnyException();
    }

    @Test
    void reportsAMissingInputAndAnUnwritableLakeTogether() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");

        assertThatThrownBy(() -> LocalPaths.check(cfg("file://" + dir.resolve("missing"),
                file.resolve("lake").toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("option 'source.file.path': no such file or folder")
                .hasMessageContaining("option 'lake.path': it is not a folder this process can create or write");
    }

    @Test
    void leavesPathsOnOtherFileSystemsToTheCluster() {
        assertThatCode(() -> LocalPaths.check(cfg("s3://bucket/in/", "s3://bucket/lake/")))
                .doesNotThrowAnyException();
        assertThat(LocalPaths.localPath("hdfs://nn/x")).isNull();
        assertThat(LocalPaths.localPath("/data/my file.ndjson")).isEqualTo(Path.of("/data/my file.ndjson"));
    }

    private static FleetConfig cfg(String input, String lake) {
        return ConfigLoader.fromMap(Map.of("source.type", "file", "source.file.path", input, "lake.path", lake));
    }
}
