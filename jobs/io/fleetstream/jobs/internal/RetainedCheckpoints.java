package io.fleetstream.jobs.internal;

import static org.apache.flink.runtime.state.filesystem.AbstractFsCheckpointStorageAccess.CHECKPOINT_DIR_PREFIX;
import static org.apache.flink.runtime.state.filesystem.AbstractFsCheckpointStorageAccess.METADATA_FILE_NAME;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The checkpoints that runs left in a checkpoint folder, laid out as Flink lays them out:
 * {@code <dir>/<job id>/chk-<n>/_metadata}, beside each job's {@code shared/} and {@code taskowned/}. A checkpoint
 * is complete when its {@code _metadata} file exists: Flink writes that file last, through the file system's
 * recoverable writer (a hidden file renamed into place locally, a multipart upload completed on S3), so it is
 * there whole or not at all. A {@code chk-<n>} without it is one a crash or a cancellation interrupted.
 *
 * <p>A job that finishes deletes its checkpoints (whatever the retention setting), so its folder looks like that of
 * a run that crashed before its first checkpoint, and the newest checkpoint left is an older run's: resuming it would
 * write again everything the finished run committed after it. So a run that finishes leaves {@value #FINISHED} in its
 * job folder ({@link #markFinished}), and {@link #newestFinished} tells a resume there is nothing to resume.
 */
public final class RetainedCheckpoints {
    private RetainedCheckpoints() {}

    private static final Pattern CHECKPOINT_FOLDER = Pattern.compile(Pattern.quote(CHECKPOINT_DIR_PREFIX) + "(\\d+)");

    /**
     * Oldest first by when {@code _metadata} was written, which is when the checkpoint completed. Not by the job
     * folder's time: that moves whenever Flink adds or removes a {@code chk-<n>} in it, so a run that failed before
     * its first checkpoint completed would look newest with nothing in it, and on S3 a folder has no time at all.
     * Not by n across folders either: a job started afresh counts from 1 again. Ties (S3 keeps whole seconds) go to
     * the higher n.
     */
    static final Comparator<Checkpoint> BY_COMPLETION = Comparator.comparingLong((Checkpoint c) -> c.completedAt)
            .thenComparingLong(c -> c.id).thenComparing(c -> c.jobFolder);

    /** One complete checkpoint. */
    public static final class Checkpoint {
        /** The {@code chk-<n>} folder, as {@code execution.savepoint.path} takes it. */
        public final String path;
        /** The folder above it, named by the job id of the run that wrote it. */
        public final String jobFolder;
        public final long id;
        /** Epoch milliseconds: the modification time of its {@code _metadata}. */
        public final long completedAt;

        Checkpoint(String path, String jobFolder, long id, long completedAt) {
            this.path = path;
            this.jobFolder = jobFolder;
            this.id = id;
            this.completedAt = completedAt;
        }

        @Override
        public String toString() {
            return "checkpoint " + id + " of job " + jobFolder + " (completed " + Instant.ofEpochMilli(completedAt)
                    + "): " + path;
        }
    }

    /** The marker a run that finished leaves in its job folder. */
    public static final String FINISHED = "_finished";

    /** Marks the job folder of a run that finished: call when its job has ended successfully. */
    public static void markFinished(String dir, String jobId) throws IOException {
        Path marker = new Path(new Path(new Path(dir), jobId), FINISHED);
        try (java.io.OutputStream out = marker.getFileSystem().create(marker, FileSystem.WriteMode.OVERWRITE)) {
            out.write(Instant.now().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** A run that finished: its job folder, and when (epoch ms: the marker's modification time). */
    public static final class Finished {
        public final String jobFolder;
        public final long at;

        Finished(String jobFolder, long at) {
            this.jobFolder = jobFolder;
            this.at = at;
        }
    }

    /** The newest run under {@code dir} that finished; empty when none did. */
    public static Optional<Finished> newestFinished(String dir) throws IOException {
        Path root = new Path(dir);
        FileSystem fs = root.getFileSystem();
        Finished newest = null;
        for (FileStatus job : list(fs, root)) {
            FileStatus marker = job.isDir() ? status(fs, new Path(job.getPath(), FINISHED)) : null;
            if (marker != null && (newest == null || marker.getModificationTime() > newest.at)) {
                newest = new Finished(job.getPath().getName(), marker.getModificationTime());
            }
        }
        return Optional.ofNullable(newest);
    }

    /** The newest complete checkpoint under {@code dir}; empty when there is none, or no such folder. */
    public static Optional<Checkpoint> newestComplete(String dir) throws IOException {
        return complete(dir).stream().max(BY_COMPLETION);
    }

    /** Every complete checkpoint under {@code dir}, in no particular order. */
    public static List<Checkpoint> complete(String dir) throws IOException {
        Path root = new Path(dir);
        FileSystem fs = root.getFileSystem();
        List<Checkpoint> found = new ArrayList<>();
        for (FileStatus job : list(fs, root)) {
            if (!job.isDir()) {
                continue;
            }
            for (FileStatus chk : list(fs, job.getPath())) {
                Matcher m = CHECKPOINT_FOLDER.matcher(chk.getPath().getName());
                if (!chk.isDir() || !m.matches()) {
                    continue;
                }
                FileStatus metadata = status(fs, new Path(chk.getPath(), METADATA_FILE_NAME));
                if (metadata != null && metadata.getLen() > 0) {
                    found.add(new Checkpoint(chk.getPath().toString(), job.getPath().getName(),
                            Long.parseLong(m.group(1)), metadata.getModificationTime()));
                }
            }
        }
        return found;
    }

    /** Some file systems answer a missing folder with null, others with an exception. */
    private static FileStatus[] list(FileSystem fs, Path dir) throws IOException {
        try {
            FileStatus[] entries = fs.listStatus(dir);
            return entries == null ? new FileStatus[0] : entries;
        } catch (FileNotFoundException e) {
            return new FileStatus[0];
        }
    }

    private static FileStatus status(FileSystem fs, Path file) throws IOException {
        try {
            return fs.getFileStatus(file);
        } catch (FileNotFoundException e) {
            return null;
        }
    }
}
