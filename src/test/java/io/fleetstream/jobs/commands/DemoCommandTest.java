package io.fleetstream.jobs.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.lake.LakeReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo as a user runs it (smaller), in-process: it finishes, reports, and leaves a readable lake. */
class DemoCommandTest {

    @Test
    void runsThePipelineOnTheSimulatorAndSummarisesTheLake(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code = DemoCommand.run(new String[] {
                "--simulator.devices", "30", "--simulator.duration", "40 min",
                "--simulator.start", "2025-11-20T10:00:00Z",
                "--lake.path", dir.resolve("lake").toUri().toString(),
                "--simulator.ground-truth", dir.resolve("truth.csv").toString(),
                "--checkpoint.interval", "1 s"}, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String out = printed.toString(StandardCharsets.UTF_8);

        assertThat(code).isZero();
        assertThat(out).contains("Done in").contains("devices          30").contains("duckdb -c");
        long readings = Long.parseLong(out.replaceAll("(?s).*readings\\s+([\\d,]+) valid.*", "$1").replace(",", ""));
        assertThat(readings).isGreaterThan(30 * 200);
        assertThat(LakeReader.read(dir.resolve("lake"), "rollups")).isNotEmpty();
        assertThat(dir.resolve("truth.csv")).exists();
    }
}
