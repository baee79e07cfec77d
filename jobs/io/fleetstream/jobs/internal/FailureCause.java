package io.fleetstream.jobs.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * One line that says why a command failed. A failed Flink job reaches the client wrapped in several layers
 * ("Job execution failed", "Recovery is suppressed by NoRestartBackoffTimeStrategy", an ExecutionException), and a
 * job cancelled after a failure adds a cancellation error on top; the line names the innermost cause, which is
 * the job's own, and the outer messages only where they add something.
 */
public final class FailureCause {
    private FailureCause() {}

    public static String describe(Throwable t) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = t; c != null && !chain.contains(c); c = c.getCause()) {
            chain.add(c);
        }
        Throwable root = chain.get(chain.size() - 1);
        StringBuilder line = new StringBuilder(text(root));
        // the nearest layer that says what was being done, if it says more than a wrapper does
        for (int i = chain.size() - 2; i >= 0; i--) {
            Throwable c = chain.get(i);
            if (isWrapper(c) || c.getMessage() == null || c.getMessage().contains(String.valueOf(root.getMessage()))) {
                continue;
            }
            line.append(" (while: ").append(c.getMessage()).append(')');
            break;
        }
        return line.toString();
    }

    private static String text(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static boolean isWrapper(Throwable t) {
        String name = t.getClass().getName();
        return t instanceof ExecutionException || t instanceof CompletionException
                || name.endsWith("JobExecutionException") || name.endsWith("JobException")
                || name.endsWith("JobCancellationException") || name.endsWith("JobInitializationException")
                || name.contains("ProgramInvocationException");
    }
}
