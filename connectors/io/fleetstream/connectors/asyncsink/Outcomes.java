package io.fleetstream.connectors.asyncsink;

import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;

/**
 * Hands a batch's outcome to Flink's async sink writer, which runs it in the task's mailbox: unless the task is
 * ending (the writer closed, cancelled, failing over). Then there is no one to tell, and what was in flight is in
 * the last checkpoint or will be replayed.
 */
public final class Outcomes {
    private Outcomes() {}

    public static void report(boolean writerClosed, Runnable outcome, Logger log, String what) {
        if (writerClosed) {
            return;
        }
        try {
            outcome.run();
        } catch (RejectedExecutionException mailboxClosed) {
            log.debug("Task ended before a batch for {} completed", what);
        }
    }
}
