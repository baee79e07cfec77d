package io.fleetstream.connectors.kinesis.source.internal;

import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Waits for an async SDK call, rethrowing its own exception rather than a wrapper. */
final class Calls {
    private Calls() {}

    static <T> T await(CompletableFuture<T> call) throws Exception {
        try {
            return call.get();
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for Kinesis");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw e;
        }
    }
}
