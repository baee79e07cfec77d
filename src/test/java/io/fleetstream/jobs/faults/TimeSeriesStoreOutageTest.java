package io.fleetstream.jobs.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.jobs.pipeline.TimeSeriesOutputs;
import io.fleetstream.testing.FaultProxy;
import io.fleetstream.testing.FaultRuns;
import io.fleetstream.testing.FaultSeeds;
import io.fleetstream.testing.LakeAssertions;
import io.fleetstream.testing.Pipelines;
import io.fleetstream.testing.QuestDbTestServer;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The time-series store (QuestDB, behind a {@link FaultProxy}) failing every write for a seeded 6-12 s, from a
 * seeded moment after the job's first write: each write meets, at random, a 503, a 429 with Retry-After or a
 * connection dropped without an answer, as a store that is overloaded, throttling or restarting does. The sink
 * must ride it out with its own retries (the job may not fail: it has no restarts, so a checkpoint's replay cannot
 * hide a lost write), and afterwards the store must hold every rollup window of the lake at its newest revision:
 * no point lost, none left at an older revision by a retry landing after a newer write.
 */
class TimeSeriesStoreOutageTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    @Test
    void everyRollupReachesTheStoreAtItsNewestRevisionAfterItFailedEveryWriteForAWhile() throws Exception {
        long seed = FaultSeeds.next("TimeSeriesStoreOutageTest");
        Outage outage = new Outage(new Random(seed));
        Path lake = dir.resolve("lake");
        try (QuestDbTestServer questdb = QuestDbTestServer.start();
                FaultProxy proxy = new FaultProxy(questdb.httpEndpoint(), outage)) {
            questdb.createRollupsTable("rollups");
            // about 12 s of readings: the outage falls inside the run
            Map<String, String> o = FaultRuns.simulated(lake, 0, 200, 1);
            o.put("timeseries.enabled", "true");
            o.put("timeseries.endpoint", proxy.endpoint());
            o.put("timeseries.bucket", "telemetry");
            o.put("timeseries.batch.max-delay", "200 ms");
            // The backoff doubles with each failure of the writer, however many requests are in flight: with four,
            // it reaches its 30 s ceiling within seconds of an outage, which is right but longer than this test
            o.put("timeseries.max-in-flight", "1");
            FleetConfig cfg = Pipelines.config(o);
            StreamExecutionEnvironment env = Environments.create(cfg);
            TimeSeriesOutputs.attach(FaultRuns.pipeline(env, cfg, false), cfg);
            env.execute("time-series-outage");
            System.out.println("TimeSeriesStoreOutageTest faults: " + outage);

            List<String> expected = new ArrayList<>();
            LakeAssertions.latestRollups(lake, key -> true).values().forEach(r -> expected.add(point(
                    r.get("device_id"), r.get("device_group"), r.get("metric"), r.get("window_spec"),
                    (Long) r.get("window_start"), r, ((Number) r.get("revision")).longValue())));
            List<Map<String, Object>> rows = questdb.awaitRows("SELECT * FROM rollups",
                    r -> r.size() >= expected.size(), Duration.ofSeconds(30));
            List<String> actual = new ArrayList<>();
            rows.forEach(r -> actual.add(point(r.get("device_id"), r.get("device_group"), r.get("metric"),
                    r.get("window_spec"), ((Timestamp) r.get("timestamp")).getTime(), r, (Long) r.get("revision"))));
            assertThat(outage.met()).as("writes that met each fault").containsOnlyKeys("503", "429", "dropped");
            assertThat(expected).as("rollups in the lake").hasSizeGreaterThan(1_000);
            LakeAssertions.sameRows(expected, actual, "rollups in the store after " + outage + " (seed " + seed + ")");
        }
    }

    /** A rollup as the store keeps it: its key, its revision and its values. */
    private static String point(Object device, Object group, Object metric, Object spec, long windowStart,
            Map<String, Object> values, long revision) {
        StringBuilder b = new StringBuilder().append(device).append('|').append(group).append('|').append(metric)
                .append('|').append(spec).append('|').append(windowStart).append(" revision ").append(revision);
        for (String field : List.of("count", "min", "max", "sum", "mean", "stddev", "first", "last")) {
            b.append(' ').append(field).append('=').append(values.get(field));
        }
        return b.toString();
    }

    /**
     * Healthy, then from a seeded 0.5-2 s after the first write a seeded 6-12 s in which every write meets a fault,
     * then healthy again. Requests other than writes pass.
     */
    private static final class Outage implements FaultProxy.Rule {
        private final Random random;
        private final long delayMillis;
        private final long spanMillis;
        private final Map<String, Integer> met = new TreeMap<>();
        /** The faults still to come in this round: each round meets each fault once, in a seeded order. */
        private final List<String> round = new ArrayList<>();
        private long opensAt = -1;

        Outage(Random random) {
            this.random = random;
            this.delayMillis = 500 + random.nextInt(1_500);
            this.spanMillis = 6_000 + random.nextInt(6_000);
        }

        @Override
        public synchronized FaultProxy.Fault apply(String method, URI uri, Headers headers) {
            if (!uri.getPath().endsWith("/api/v2/write")) {
                return null;
            }
            long now = System.currentTimeMillis();
            if (opensAt < 0) {
                opensAt = now + delayMillis;
            }
            if (now < opensAt || now >= opensAt + spanMillis) {
                return null;
            }
            if (round.isEmpty()) {
                round.addAll(List.of("503", "429", "dropped"));
                Collections.shuffle(round, random);
            }
            String fault = round.remove(0);
            met.merge(fault, 1, Integer::sum);
            switch (fault) {
                case "503":
                    return FaultProxy.Fault.answer(503, Map.of("Content-Type", "application/json"),
                            "{\"code\":\"unavailable\",\"message\":\"service unavailable\"}");
                case "429":
                    return FaultProxy.Fault.answer(429, Map.of("Content-Type", "application/json",
                            "Retry-After", "1"), "{\"code\":\"too many requests\",\"message\":\"slow down\"}");
                default:
                    return FaultProxy.Fault.drop();
            }
        }

        synchronized Map<String, Integer> met() {
            return new TreeMap<>(met);
        }

        @Override
        public synchronized String toString() {
            return "writes failing " + spanMillis + " ms from " + delayMillis + " ms after the first: " + met;
        }
    }
}
