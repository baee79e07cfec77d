package io.fleetstream.jobs.internal;

import static io.fleetstream.jobs.config.RunOptions.CHECKPOINT_DIR;
import static io.fleetstream.jobs.config.RunOptions.RESUME;

import io.fleetstream.jobs.config.ConfigException;
import io.fleetstream.jobs.config.FleetConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * {@code resume}: the checkpoint a run starts from, checked with the options it goes with before anything starts.
 * A resume that finds nothing fails instead of starting afresh: a fresh start forgets every open window, model and
 * active alarm, and reads files (a Kinesis stream: from trim-horizon) from the start again into a lake that already
 * holds their rows; a typo in checkpoint.dir should not do that quietly.
 */
public final class Resume {
    private Resume() {}

    /**
     * The newest complete checkpoint under checkpoint.dir when resume is true; empty when it is false. What resume
     * goes with (checkpoint.dir, no restore path, simulator.start) are rules of RunOptions, checked before; what the
     * folder holds is checked here.
     */
    public static Optional<RetainedCheckpoints.Checkpoint> checkpoint(FleetConfig cfg) {
        if (!cfg.get(RESUME)) {
            return Optional.empty();
        }
        String dir = cfg.get(CHECKPOINT_DIR).trim();
        Optional<RetainedCheckpoints.Checkpoint> newest;
        try {
            newest = RetainedCheckpoints.newestComplete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the checkpoints under " + CHECKPOINT_DIR.key() + " '" + dir
                    + "'", e);
        }
        if (newest.isEmpty()) {
            throw new ConfigException("invalid value 'true' for option '" + RESUME.key() + "': " + CHECKPOINT_DIR.key()
                    + " '" + dir + "' holds no complete checkpoint (a <job id>/chk-<n> folder with a _metadata file); "
                    + "leave " + RESUME.key() + " out to start afresh");
        }
        Optional<RetainedCheckpoints.Finished> finished;
        try {
            finished = RetainedCheckpoints.newestFinished(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the runs under " + CHECKPOINT_DIR.key() + " '" + dir + "'", e);
        }
        if (finished.isPresent() && finished.get().at >= newest.get().completedAt) {
            // its checkpoints are gone with it, and what it committed after the older one would be written again
            throw new ConfigException("invalid value 'true' for option '" + RESUME.key() + "': the newest run under "
                    + CHECKPOINT_DIR.key() + " '" + dir + "' finished (job " + finished.get().jobFolder + ", "
                    + java.time.Instant.ofEpochMilli(finished.get().at) + "): there is nothing to resume; "
                    + "leave " + RESUME.key() + " out to start afresh");
        }
        return newest;
    }
}
