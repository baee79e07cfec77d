package io.fleetstream.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.jobs.commands.ReplayCommand;
import io.fleetstream.lake.LakeReader;
import io.fleetstream.testing.Pipelines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay writes its lake as the live job's lake.* options say: given lake.compaction.enabled, every file it leaves
 * in every table is a merged {@code compacted-part-*.parquet} (without it, the replay used to write plain part files
 * whatever the options), and the merged files hold every reading of the window.
 */
class ReplayLakeFilesTest {
    private static final String FROM = "2025-11-20T10:00:00Z";
    private static final String TO = "2025-11-20T12:00:00Z";

    @Test
    void aReplayCompactsItsLakeFilesWhenTheLakeOptionsSaySo(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("telemetry.ndjson");
        List<String> lines = new ArrayList<>();
        long from = Instant.parse(FROM).toEpochMilli();
        long to = Instant.parse(TO).toEpochMilli();
        for (long t = from; t < to; t += 20_000) {
            for (int d = 0; d < 3; d++) {
                lines.add("{\"deviceId\":\"dev-" + d + "\",\"deviceGroup\":\"g" + d % 2 + "\",\"timestamp\":" + t
                        + ",\"data\":{\"v\":" + (t / 1000 % 100 + d) + "}}");
            }
        }
        Files.write(input, lines, StandardCharsets.UTF_8);

        Path lake = dir.resolve("lake");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code = ReplayCommand.run(Pipelines.config(Map.of(
                "source.type", "file",
                "source.file.path", input.toString(),
                "replay.from", FROM,
                "replay.to", TO,
                "replay.run-id", "compacted",
                "lake.path", lake.toUri().toString(),
                "lake.compaction.enabled", "true",
                "lake.compaction.checkpoints", "1",
                "flink.parallelism.default", "2")), new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.out.println(printed.toString(StandardCharsets.UTF_8));
        assertThat(code).isZero();

        Path run = lake.resolve("replays").resolve("compacted");
        List<Path> files = tableFiles(run);
        assertThat(files).as("the replay's lake files").isNotEmpty()
                .allSatisfy(f -> assertThat(f.getFileName().toString()).startsWith("compacted-part-")
                        .endsWith(".parquet"));
        assertThat(files.stream().map(f -> run.relativize(f).getName(0).toString()).distinct())
                .as("tables written").contains("readings", "rollups", "device_state");
        assertThat(LakeReader.read(run, "readings")).hasSize(lines.size());
    }

    /** Every file under the run's table folders (hidden ones too: not yet merged), but Hadoop's checksums. */
    private static List<Path> tableFiles(Path run) throws Exception {
        try (Stream<Path> s = Files.walk(run)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getParent() != null && !p.getParent().equals(run))
                    .filter(p -> !p.getFileName().toString().endsWith(".crc"))
                    .collect(Collectors.toList());
        }
    }
}
