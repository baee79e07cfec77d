package io.fleetstream.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.jobs.config.Command;
import io.fleetstream.jobs.config.ConfigException;
import io.fleetstream.jobs.config.ConfigLoader;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.RunOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resume option with the options it goes with, checked before a job starts, and what it hands to Flink. */
class ResumeOptionsTest {

    private static final String JOB = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    @TempDir
    Path dir;

    @Test
    void resumeAloneOnTheCommandLineMeansTrue() {
        assertThat(ConfigLoader.load(new String[] {"--resume"}).get(RunOptions.RESUME)).isTrue();
        assertThat(ConfigLoader.load(new String[] {"--resume", "--lake.path", "file:///tmp/lake"})
                .get(RunOptions.RESUME)).isTrue();
        assertThat(ConfigLoader.load(new String[] {"--resume", "false"}).get(RunOptions.RESUME)).isFalse();
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--resume", "yes please"}))
                .hasMessage("invalid value 'yes please' for option 'resume': expected true or false");
    }

    @Test
    void resumeWithoutACheckpointDirIsRefusedNamingBothKeys() {
        assertThatThrownBy(() -> checked(Command.TELEMETRY, Map.of("resume", "true")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("checkpoint.dir is required when resume is true: the folder whose newest complete "
                        + "checkpoint the run resumes from");
    }

    @Test
    void resumeAndAGivenSavepointPathAreRefusedNamingBothKeys() {
        for (String key : new String[] {"flink.execution.savepoint.path", "flink.execution.state-recovery.path"}) {
            assertThatThrownBy(() -> checked(Command.REPLAY, Map.of("resume", "true",
                    "checkpoint.dir", dir.toUri().toString(), key, "file:///savepoints/savepoint-1")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("invalid value 'true' for option 'resume': expected false when " + key
                            + " is set; resume restores the newest complete checkpoint under checkpoint.dir, the "
                            + "restore path the one it names: give one of them");
        }
    }

    @Test
    void resumingTheSimulatorNeedsTheStartItWasGivenNamingBothKeys() {
        String folder = dir.toUri().toString();
        assertThatThrownBy(() -> checked(Command.DEMO, Map.of("resume", "true", "checkpoint.dir", folder,
                "source.type", "simulator")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("simulator.start is required when resume is true and source.type is simulator: the start "
                        + "the interrupted run was given, so the resumed run goes on with the same readings");
    }

    @Test
    void resumeWithNoCompleteCheckpointNamesTheFolderInsteadOfStartingAfresh() throws Exception {
        Files.createDirectories(dir.resolve(JOB).resolve("chk-1")); // begun, never completed
        String folder = dir.toUri().toString();

        assertThatThrownBy(() -> Resume.checkpoint(config(Map.of("resume", "true", "checkpoint.dir", folder))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value 'true' for option 'resume': checkpoint.dir '" + folder + "' holds no "
                        + "complete checkpoint (a <job id>/chk-<n> folder with a _metadata file); leave resume out "
                        + "to start afresh");
    }

    @Test
    void resumeRestoresTheNewestCompleteCheckpointAndSaysWhichOnOneLine() throws Exception {
        Path metadata = dir.resolve(JOB).resolve("chk-5").resolve("_metadata");
        Files.createDirectories(metadata.getParent());
        Files.write(metadata, new byte[] {1});
        String expected = RetainedCheckpoints.newestComplete(dir.toUri().toString()).orElseThrow().path;

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        StreamExecutionEnvironment env;
        try {
            env = Environments.create(config(Map.of("resume", "true", "checkpoint.dir", dir.toUri().toString())));
        } finally {
            System.setOut(out);
        }

        assertThat(env.getConfiguration().get(StateRecoveryOptions.SAVEPOINT_PATH)).isEqualTo(expected);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .startsWith("resuming from checkpoint 5 of job " + JOB + " (completed ")
                .endsWith("): " + expected + System.lineSeparator());
    }

    @Test
    void aNewestRunThatFinishedLeavesNothingToResumeRatherThanAnOlderRunsCheckpoint() throws Exception {
        // an older run left a checkpoint; the newest one finished, and Flink deleted the checkpoints of its own
        Path metadata = dir.resolve(JOB).resolve("chk-5").resolve("_metadata");
        Files.createDirectories(metadata.getParent());
        Files.write(metadata, new byte[] {1});
        Files.setLastModifiedTime(metadata, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        String finishedJob = "ffeeddccbbaa99887766554433221100";
        RetainedCheckpoints.markFinished(dir.toUri().toString(), finishedJob);

        assertThatThrownBy(() -> Resume.checkpoint(config(Map.of("resume", "true",
                "checkpoint.dir", dir.toUri().toString()))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("the newest run under checkpoint.dir")
                .hasMessageContaining("finished (job " + finishedJob)
                .hasMessageContaining("there is nothing to resume");
    }

    @Test
    void aRunThatFinishedBeforeTheNewestCheckpointDoesNotStopTheResume() throws Exception {
        RetainedCheckpoints.markFinished(dir.toUri().toString(), "ffeeddccbbaa99887766554433221100");
        Files.setLastModifiedTime(dir.resolve("ffeeddccbbaa99887766554433221100").resolve("_finished"),
                java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        Path metadata = dir.resolve(JOB).resolve("chk-5").resolve("_metadata");
        Files.createDirectories(metadata.getParent());
        Files.write(metadata, new byte[] {1});

        assertThat(Resume.checkpoint(config(Map.of("resume", "true", "checkpoint.dir", dir.toUri().toString()))))
                .hasValueSatisfying(c -> assertThat(c.id).isEqualTo(5));
    }

    @Test
    void aGivenSavepointPathReachesFlinkAsBefore() {
        StreamExecutionEnvironment env = Environments.create(config(Map.of(
                "flink.execution.savepoint.path", "file:///savepoints/savepoint-1")));

        assertThat(env.getConfiguration().get(StateRecoveryOptions.SAVEPOINT_PATH))
                .isEqualTo("file:///savepoints/savepoint-1");
    }

    @Test
    void checkpointsUnderCheckpointDirAreKeptWhenTheJobIsCancelledOrFails() {
        StreamExecutionEnvironment env = Environments.create(config(Map.of("checkpoint.dir", dir.toUri().toString())));
        assertThat(env.getCheckpointConfig().getExternalizedCheckpointRetention())
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);

        StreamExecutionEnvironment given = Environments.create(config(Map.of("checkpoint.dir", dir.toUri().toString(),
                "flink.execution.checkpointing.externalized-checkpoint-retention", "DELETE_ON_CANCELLATION")));
        assertThat(given.getCheckpointConfig().getExternalizedCheckpointRetention())
                .as("a retention given with the flink. prefix wins")
                .isEqualTo(ExternalizedCheckpointRetention.DELETE_ON_CANCELLATION);
    }

    /** A file source: the simulator, the default source, has a check of its own. */
    private static FleetConfig checked(Command command, Map<String, String> options) {
        Map<String, String> m = new HashMap<>(Map.of("source.type", "file", "source.file.path", "/in",
                "lake.path", "/lake", "replay.from", "2025-11-20", "replay.to", "2025-11-21"));
        m.putAll(options);
        return ConfigLoader.fromMap(command, m);
    }

    private static FleetConfig config(Map<String, String> options) {
        Map<String, String> m = new HashMap<>(Map.of("source.type", "file"));
        m.putAll(options);
        return ConfigLoader.fromMap(m);
    }
}
