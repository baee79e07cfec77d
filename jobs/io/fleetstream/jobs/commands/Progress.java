package io.fleetstream.jobs.commands;

import io.fleetstream.operators.parse.ParseFunction;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;

/** Reads a running job's accumulators: progress lines for local runs and the demo, throughput for the bench. */
public final class Progress {
    private Progress() {}

    static Map<String, Object> accumulators(JobClient client) {
        try {
            return client.getAccumulators().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return Map.of();
        }
    }

    static long count(Map<String, Object> acc, String name) {
        Object v = acc.get(name);
        return v instanceof Number ? ((Number) v).longValue() : 0L;
    }

    /** Prints progress every {@code everyMillis} until the job ends; returns when it has. */
    public static void follow(JobClient client, PrintStream out, long everyMillis) throws Exception {
        long start = System.nanoTime();
        long previous = 0;
        long previousAt = start;
        // The job's result future, not its status: a local MiniCluster shuts down as soon as the job ends.
        java.util.concurrent.CompletableFuture<?> done = client.getJobExecutionResult();
        while (true) {
            try {
                done.get(everyMillis, TimeUnit.MILLISECONDS);
                return;
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                // fall through to the progress line
            }
            Map<String, Object> acc = accumulators(client);
            long now = System.nanoTime();
            long in = count(acc, ParseFunction.RECORDS_IN);
            double rate = (in - previous) / ((now - previousAt) / 1e9);
            previous = in;
            previousAt = now;
            StringBuilder line = new StringBuilder(String.format("[%4.0f s] %,12d records in (%,9.0f/s)",
                    (now - start) / 1e9, in, rate));
            new TreeMap<>(acc).forEach((k, v) -> {
                if (k.startsWith("rows.")) {
                    line.append(String.format(" | %s %,d", k.substring(5), ((Number) v).longValue()));
                }
            });
            out.println(line);
        }
    }
}
