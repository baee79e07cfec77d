package io.fleetstream.sinks.dynamodb.internal;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Bounds the calls in flight without blocking: a call over the limit waits in a queue and starts when an earlier
 * one completes. Shared by all batches of a writer, so the bound holds for the writer as a whole.
 */
public final class CallWindow {
    private final int limit;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int running;

    public CallWindow(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.limit = limit;
    }

    /** Starts the call now or when a slot frees up; the result completes as the call's does. */
    public <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable start = () -> start(call, result);
        synchronized (this) {
            if (running >= limit) {
                waiting.add(start);
                return result;
            }
            running++;
        }
        start.run();
        return result;
    }

    public synchronized int running() {
        return running;
    }

    private <T> void start(Supplier<CompletableFuture<T>> call, CompletableFuture<T> result) {
        CompletableFuture<T> f;
        try {
            f = call.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((v, e) -> {
            // Free the slot first: whoever waits on the result may submit again.
            next();
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                result.complete(v);
            }
        });
    }

    private void next() {
        Runnable start;
        synchronized (this) {
            start = waiting.poll();
            if (start == null) {
                running--;
                return;
            }
        }
        start.run();
    }
}
