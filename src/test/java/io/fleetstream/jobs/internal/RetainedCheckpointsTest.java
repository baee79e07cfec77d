package io.fleetstream.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders laid out as Flink leaves them: {@code <dir>/<job id>/chk-<n>/_metadata}, with {@code shared/} beside. */
class RetainedCheckpointsTest {

    private static final String JOB_A = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private static final String JOB_B = "f9e8d7c6b5a4938271605f4e3d2c1b0a";
    private static final long T = 1_763_640_000_000L;

    @TempDir
    Path dir;

    @Test
    void theNewestMetadataWinsAcrossJobFoldersWhateverTheirNumbers() throws Exception {
        complete(JOB_A, 41, T);
        complete(JOB_A, 42, T + 1_000);
        complete(JOB_B, 3, T + 2_000); // a later run started afresh counts from 1 again

        assertThat(newest()).hasValueSatisfying(c -> {
            assertThat(c.jobFolder).isEqualTo(JOB_B);
            assertThat(c.id).isEqualTo(3);
            assertThat(c.path).endsWith("/" + JOB_B + "/chk-3");
            assertThat(c.completedAt).isEqualTo(T + 2_000);
        });
    }

    @Test
    void checkpointFoldersWithoutMetadataOrWithAnEmptyOneAreSkipped() throws Exception {
        complete(JOB_A, 7, T);
        Files.createDirectories(dir.resolve(JOB_A).resolve("chk-8")); // interrupted before its metadata
        Path empty = dir.resolve(JOB_A).resolve("chk-9").resolve("_metadata");
        Files.createDirectories(empty.getParent());
        Files.createFile(empty);
        Files.setLastModifiedTime(empty, FileTime.fromMillis(T + 5_000));

        assertThat(newest()).hasValueSatisfying(c -> assertThat(c.id).isEqualTo(7));
    }

    @Test
    void aNewerJobFolderWithNothingCompleteDoesNotHideAnOlderCheckpoint() throws Exception {
        complete(JOB_A, 12, T);
        // a resumed run that failed before its first checkpoint completed: the newest folder, and nothing in it
        Files.createDirectories(dir.resolve(JOB_B).resolve("shared"));
        Files.createDirectories(dir.resolve(JOB_B).resolve("taskowned"));
        Files.createDirectories(dir.resolve(JOB_B).resolve("chk-13"));
        Files.setLastModifiedTime(dir.resolve(JOB_B), FileTime.fromMillis(T + 60_000));

        assertThat(newest()).hasValueSatisfying(c -> {
            assertThat(c.jobFolder).isEqualTo(JOB_A);
            assertThat(c.id).isEqualTo(12);
        });
    }

    @Test
    void withinOneSecondTheHigherNumberWins() throws Exception {
        complete(JOB_A, 4, T);
        complete(JOB_A, 5, T);

        assertThat(newest()).hasValueSatisfying(c -> assertThat(c.id).isEqualTo(5));
    }

    @Test
    void metadataOutsideACheckpointFolderIsNotACheckpoint() throws Exception {
        write(dir.resolve("savepoint-0a1b2c-5d6e7f8a9b0c").resolve("_metadata"), T);
        write(dir.resolve(JOB_A).resolve("_metadata"), T);
        write(dir.resolve(JOB_A).resolve("chk-latest").resolve("_metadata"), T);
        write(dir.resolve(JOB_A).resolve("shared").resolve("_metadata"), T);
        Files.writeString(dir.resolve("notes.txt"), "not a job folder");

        assertThat(newest()).isEmpty();
    }

    @Test
    void anEmptyOrMissingFolderHoldsNoCheckpoint() throws Exception {
        assertThat(newest()).isEmpty();
        assertThat(RetainedCheckpoints.newestComplete(dir.resolve("missing").toUri().toString())).isEmpty();
    }

    private Optional<RetainedCheckpoints.Checkpoint> newest() throws IOException {
        return RetainedCheckpoints.newestComplete(dir.toUri().toString());
    }

    private void complete(String job, long n, long completedAt) throws IOException {
        Files.createDirectories(dir.resolve(job).resolve("shared"));
        write(dir.resolve(job).resolve("chk-" + n).resolve("_metadata"), completedAt);
    }

    private static void write(Path metadata, long modified) throws IOException {
        Files.createDirectories(metadata.getParent());
        Files.write(metadata, new byte[] {1, 2, 3});
        Files.setLastModifiedTime(metadata, FileTime.fromMillis(modified));
    }
}
