package io.fleetstream.testing;

import io.fleetstream.model.RawRecord;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * Throws once, in the first attempt, on the first record after a completed checkpoint, so a job restores from a
 * real checkpoint. Until then it holds each record a millisecond, so the source is still reading when a (slow, S3)
 * first checkpoint completes. Call {@link #reset()} before each job: the flag is shared by the JVM.
 */
public final class FailOnceAfterACheckpoint extends RichMapFunction<RawRecord, RawRecord>
        implements CheckpointListener {
    private static final long serialVersionUID = 1L;
    public static final AtomicBoolean FAILED = new AtomicBoolean();

    private transient volatile boolean checkpointed;

    public static FailOnceAfterACheckpoint reset() {
        FAILED.set(false);
        return new FailOnceAfterACheckpoint();
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        checkpointed = true;
    }

    @Override
    public RawRecord map(RawRecord r) throws InterruptedException {
        if (getRuntimeContext().getTaskInfo().getAttemptNumber() == 0 && !FAILED.get()) {
            if (checkpointed && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("planned failure after a checkpoint");
            }
            Thread.sleep(1);
        }
        return r;
    }
}
