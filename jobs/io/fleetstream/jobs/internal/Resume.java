package io.fleetstream.jobs.internal;

import static io.fleetstream.jobs.config.RunOptions.CHECKPOINT_DIR;
import static io.fleetstream.jobs.config.RunOptions.RESUME;

import io.fleetstream.jobs.config.ConfigException;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.FleetOptions;
import io.fleetstream.jobs.config.SimulatorOptions;
import io.fleetstream.jobs.config.SourceOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.StateRecoveryOptions;

/**
 * {@code resume}: the checkpoint a run starts from, checked with the options it goes with before anything starts.
 * A resume that finds nothing fails instead of starting afresh: a fresh start forgets every open window, model and
 * active alarm, and reads files (a Kinesis stream: from trim-horizon) from the start again into a lake that already
 * holds their rows; a typo in checkpoint.dir should not do that quietly.
 */
public final class Resume {
    private Resume() {}

    /** The newest complete checkpoint under checkpoint.dir when resume is true; empty when it is false. */
    public static Optional<RetainedCheckpoints.Checkpoint> checkpoint(FleetConfig cfg) {
        if (!cfg.get(RESUME)) {
            return Optional.empty();
        }
        String given = givenRestoreKey(cfg);
        if (given != null) {
            throw new ConfigException("invalid value 'true' for option '" + RESUME.key() + "': expected false when "
                    + given + " is set; " + RESUME.key() + " restores the newest complete checkpoint under "
                    + CHECKPOINT_DIR.key() + ", " + given + " the one it names: give one of them");
        }
        String dir = cfg.isSet(CHECKPOINT_DIR) ? cfg.get(CHECKPOINT_DIR).trim() : "";
        if (dir.isEmpty()) {
            throw new ConfigException(CHECKPOINT_DIR.key() + " is required when " + RESUME.key() + " is true: the "
                    + "folder whose newest complete checkpoint the run resumes from");
        }
        if (cfg.get(SourceOptions.TYPE) == SourceOptions.SourceType.SIMULATOR && !cfg.isSet(SimulatorOptions.START)) {
            // The checkpoint keeps how far the generator got, not the clock its default start was taken from: a
            // resumed run would go on from there in another stretch of event time.
            throw new ConfigException(SimulatorOptions.START.key() + " is required when " + RESUME.key()
                    + " is true with source.type simulator: the start the interrupted run was given, so the resumed "
                    + "run goes on with the same readings");
        }
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

    /** The {@code flink.}-prefixed restore path key the configuration sets, as given; null when none is. */
    private static String givenRestoreKey(FleetConfig cfg) {
        List<String> keys = new ArrayList<>();
        keys.add(StateRecoveryOptions.SAVEPOINT_PATH.key());
        for (FallbackKey k : StateRecoveryOptions.SAVEPOINT_PATH.fallbackKeys()) {
            keys.add(k.getKey());
        }
        for (String key : keys) {
            if (cfg.asMap().containsKey(FleetOptions.FLINK_PREFIX + key)) {
                return FleetOptions.FLINK_PREFIX + key;
            }
        }
        return null;
    }
}
