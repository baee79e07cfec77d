package io.fleetstream.sinks.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CallWindowTest {
    @Test
    void startsNoMoreThanTheLimitAndTheNextOneAsSoonAsOneCompletes() {
        CallWindow window = new CallWindow(3);
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(window.submit(() -> {
                CompletableFuture<Integer> call = new CompletableFuture<>();
                calls.add(call);
                return call;
            }));
        }
        assertThat(calls).hasSize(3);
        assertThat(window.running()).isEqualTo(3);

        calls.get(1).complete(1);
        assertThat(results.get(1)).isCompletedWithValue(1);
        assertThat(calls).hasSize(4);

        calls.get(0).completeExceptionally(new IllegalStateException("failed call"));
        assertThat(results.get(0)).isCompletedExceptionally();
        assertThat(calls).hasSize(5);

        for (int i = 2; i < 10; i++) {
            calls.get(i).complete(i);
        }
        assertThat(results).allMatch(CompletableFuture::isDone);
        assertThat(window.running()).isZero();
    }

    @Test
    void aCallThatThrowsFreesItsSlot() {
        CallWindow window = new CallWindow(1);
        CompletableFuture<Integer> failed = window.submit(() -> {
            throw new IllegalArgumentException("bad request");
        });
        assertThat(failed).isCompletedExceptionally();
        assertThat(window.submit(() -> CompletableFuture.completedFuture(7))).isCompletedWithValue(7);
        assertThat(window.running()).isZero();
    }
}
