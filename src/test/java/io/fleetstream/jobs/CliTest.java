package io.fleetstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    private static String[] runAndCapture(String... args) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = Cli.run(args);
            return new String[] {Integer.toString(code), captured.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void aBadOptionStopsTheCommandBeforeItStartsAndNamesTheKey() throws Exception {
        String[] r = runAndCapture("telemetry", "--source.type", "file", "--rollup.tumbling.size", "a minute");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).contains("invalid value 'a minute' for option 'rollup.tumbling.size'");
    }

    @Test
    void twoBadCombinationsAreBothReportedBeforeTheCommandStarts() throws Exception {
        String[] r = runAndCapture("telemetry", "--source.type", "kafka", "--lake.path", "file:///tmp/x",
                "--rollup.sliding.size", "5 min", "--rollup.sliding.slide", "2 min", "--timeseries.enabled");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).startsWith("fleetstream telemetry: invalid configuration:\n")
                .contains("  - source.kafka.bootstrap-servers is required when source.type is kafka")
                .contains("  - invalid value '2 min' for option 'rollup.sliding.slide': expected a whole number of "
                        + "milliseconds that divides rollup.sliding.size ('5 min') evenly")
                .contains("  - timeseries.endpoint is required when timeseries.enabled is true")
                .contains("  - timeseries.bucket is required when timeseries.enabled is true");
    }

    @Test
    void aMissingRequiredOptionIsReportedByKey() throws Exception {
        String[] r = runAndCapture("telemetry", "--source.type", "file", "--lake.path", "file:///tmp/x");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).contains("source.file.path is required when source.type is file");
    }

    @Test
    void aReplayWindowThatEndsBeforeItStartsIsRefusedNamingBothKeys() throws Exception {
        String[] r = runAndCapture("replay", "--source.type", "lake", "--lake.path", "file:///tmp/x",
                "--replay.from", "2025-11-21T00:00:00Z", "--replay.to", "2025-11-20T00:00:00Z");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).contains("fleetstream replay: invalid window: replay.from (2025-11-21T00:00:00Z) must be "
                + "before replay.to (2025-11-20T00:00:00Z)");
    }

    @Test
    void resumeWithoutACheckpointDirStopsTheCommandNamingBothKeys() throws Exception {
        String[] r = runAndCapture("telemetry", "--source.type", "file", "--source.file.path", "/tmp/in",
                "--lake.path", "file:///tmp/x", "--resume");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).contains("fleetstream telemetry: checkpoint.dir is required when resume is true");
    }

    @Test
    void aReplayResumedWithoutItsRunIdIsRefusedBeforeItStarts() throws Exception {
        String[] r = runAndCapture("replay", "--source.type", "lake", "--lake.path", "file:///tmp/x",
                "--replay.from", "2025-11-20T00:00:00Z", "--replay.to", "2025-11-21T00:00:00Z",
                "--checkpoint.dir", "file:///tmp/checkpoints", "--resume");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).contains("fleetstream replay: replay.run-id is required when resume is true");
    }

    @Test
    void benchRefusesResumeItMeasuresJobsFromTheirStart() throws Exception {
        String[] r = runAndCapture("bench", "--resume");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).contains("fleetstream bench: invalid value 'true' for option 'resume': expected false");
    }

    @Test
    void rulesCheckOfABrokenFileExitsOneWithTheFileTheRuleAndTheKey(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("rules.yaml"), "rules: [{name: o, kind: offline, aftr: 10m}]\n");
        String[] r = runAndCapture("rules", "check", file.toString());
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[1]).contains(file + ": rules[0] (o): unknown key 'aftr'");
        assertThat(Cli.USAGE).contains("rules check <file>").contains("rules explain <file> --device-group <group>");
    }

    @Test
    void anUnknownCommandPrintsTheUsage() throws Exception {
        String[] r = runAndCapture("telemetri");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).contains("unknown command 'telemetri'").contains("commands:");
    }

    @Test
    void aLocalTelemetryRunPrintsProgressLinesWhileItRuns(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("in").resolve("telemetry.ndjson");
        Files.createDirectories(input.getParent());
        io.fleetstream.testing.TestInput.write(input, 20, 120, 5_000L, 5L);
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Cli.run(new String[] {"telemetry", "--source.type", "file", "--source.file.path",
                    input.getParent().toUri().toString(), "--lake.path", dir.resolve("lake").toUri().toString(),
                    "--parse.max-future", "3650 d", "--progress.interval", "100 ms"});
        } finally {
            System.setOut(out);
        }
        assertThat(code).isZero();
        assertThat(captured.toString(StandardCharsets.UTF_8)).as("progress lines")
                .containsPattern("\\[ *\\d+ s\\] +[\\d,]+ records in");
    }
}
