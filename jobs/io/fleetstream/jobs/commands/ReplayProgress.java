package io.fleetstream.jobs.commands;

import io.fleetstream.jobs.replay.ReplaySettings;
import io.fleetstream.operators.parse.ParseFunction;
import io.fleetstream.replay.progress.EventTimePositions;
import io.fleetstream.replay.progress.EventTimePositions.Position;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.core.execution.JobClient;

/**
 * The replay's progress lines: records read and the rate, how far in event time each input (partition, shard,
 * lake reader) has read as a share of the window, and an estimate of the time left from that share.
 */
final class ReplayProgress {
    private ReplayProgress() {}

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    /** Inputs listed one per line up to this many; more are summarized (slowest, fastest). */
    private static final int LISTED = 8;

    /** Prints progress every {@code everyMillis} until the job ends; returns when it has. */
    static void follow(JobClient client, PrintStream out, ReplaySettings s, long everyMillis) throws Exception {
        long start = System.nanoTime();
        long previous = 0;
        long previousAt = start;
        CompletableFuture<?> done = client.getJobExecutionResult();
        while (true) {
            try {
                done.get(everyMillis, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException stillRunning) {
                // a progress line
            }
            Map<String, Object> acc = Progress.accumulators(client);
            long now = System.nanoTime();
            long in = Progress.count(acc, ParseFunction.RECORDS_IN);
            double rate = (in - previous) / ((now - previousAt) / 1e9);
            previous = in;
            previousAt = now;
            for (String line : lines(acc, s, (now - start) / 1e9, in, rate)) {
                out.println(line);
            }
        }
    }

    static List<String> lines(Map<String, Object> acc, ReplaySettings s, double seconds, long in, double rate) {
        List<Position> inputs = positions(acc);
        double share = 0;
        boolean lake = !inputs.isEmpty() && inputs.get(0).input.startsWith("lake/");
        for (Position p : inputs) {
            // Partitions and shards each span the window: their mean. Lake readers take hours in turn: the furthest.
            share = lake ? Math.max(share, share(p, s)) : share + share(p, s) / inputs.size();
        }
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "[%5.0f s] %,13d records (%,9.0f/s)",
                seconds, in, rate));
        head.append(String.format(Locale.ROOT, " | %3.0f%% of the window", share * 100));
        if (share >= 0.01 && share < 0.999) {
            head.append(" | about ").append(duration(seconds * (1 - share) / share)).append(" left");
        } else if (share >= 0.999 && rate == 0) {
            head.append(" | input read; closing the last windows and committing the files");
        }
        List<String> lines = new ArrayList<>();
        lines.add(head.toString());
        inputs.sort(Comparator.comparingLong((Position p) -> p.eventTime).thenComparing(p -> p.input));
        if (inputs.size() <= LISTED) {
            for (Position p : inputs) {
                lines.add(line("  ", p, s));
            }
        } else {
            lines.add(line("  slowest of " + inputs.size() + " inputs: ", inputs.get(0), s));
            lines.add(line("  fastest: ", inputs.get(inputs.size() - 1), s));
        }
        return lines;
    }

    private static String line(String prefix, Position p, ReplaySettings s) {
        String at = p.eventTime == Long.MIN_VALUE ? "(no event time yet)   "
                : TIME.format(Instant.ofEpochMilli(p.eventTime));
        return String.format(Locale.ROOT, "%s%-40s at %s (%3.0f%%) %,12d records", prefix, p.input, at,
                share(p, s) * 100, p.records);
    }

    /** How far into [from, to) the input has read, 0 to 1. */
    private static double share(Position p, ReplaySettings s) {
        if (p.eventTime == Long.MIN_VALUE) {
            return 0;
        }
        double f = (double) (p.eventTime - s.from.toEpochMilli()) / (s.to.toEpochMilli() - s.from.toEpochMilli());
        return Math.max(0, Math.min(1, f));
    }

    @SuppressWarnings("unchecked")
    private static List<Position> positions(Map<String, Object> acc) {
        Object v = acc.get(EventTimePositions.NAME);
        List<Position> list = new ArrayList<>();
        if (v instanceof Map) {
            for (Object p : ((Map<String, Object>) v).values()) {
                if (p instanceof Position) {
                    list.add((Position) p);
                }
            }
        }
        return list;
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return s / 60 + " min";
        }
        return String.format(Locale.ROOT, "%.1f h", s / 3600.0);
    }
}
