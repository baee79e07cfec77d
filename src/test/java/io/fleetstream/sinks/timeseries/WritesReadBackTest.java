package io.fleetstream.sinks.timeseries;

import static io.fleetstream.sinks.timeseries.Fixtures.T0;
import static io.fleetstream.sinks.timeseries.Fixtures.causes;
import static io.fleetstream.sinks.timeseries.Fixtures.rollup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.model.Reading;
import io.fleetstream.model.Rollup;
import io.fleetstream.testing.NoKryo;
import io.fleetstream.testing.QuestDbTestServer;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Points written through the sink to a real QuestDB (standing for Timestream for InfluxDB: the same InfluxDB v2
 * write API), read back over its PostgreSQL wire port.
 */
class WritesReadBackTest {
    static final Duration DEADLINE = Duration.ofSeconds(30);

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    static QuestDbTestServer questdb;

    @BeforeAll
    static void start() throws Exception {
        questdb = QuestDbTestServer.start();
        questdb.createRollupsTable("rollups");
    }

    @AfterAll
    static void stop() {
        if (questdb != null) {
            questdb.close();
        }
    }

    static LineProtocolSink.Builder<Rollup> rollupSink(String table) {
        return LineProtocolSink.<Rollup>builder()
                .endpoint(questdb.httpEndpoint())
                .org("fleet")
                .bucket("telemetry")
                .token("any")
                .precision(Precision.MS)
                .pointWriter(new RollupPoints(table));
    }

    static String quoted(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    @Test
    void pointsLandWithTheirTagsFieldsAndTimestampsWhateverTheDeviceIsCalled() throws Exception {
        String device = "truck 7,\"β\"=x\\ 冷蔵 🚚";
        String group = "cold chain, Süd\nwest=2";
        Jobs.write(List.of(
                rollup(device, group, "temp_c", T0, 0, -1.5),
                rollup(device, group, "door open", T0 + 60_000, 1, 1.0 / 3),
                rollup("plain-1", "pumps", "temp_c", T0, 0, 1e-7)), Jobs.ROLLUP, rollupSink("rollups").build());

        List<Map<String, Object>> rows = questdb.awaitRows(
                "SELECT * FROM rollups WHERE device_id IN (" + quoted(device) + ", 'plain-1') ORDER BY timestamp, metric",
                r -> r.size() == 3, DEADLINE);
        assertThat(rows).hasSize(3);
        Map<String, Object> first = rows.stream().filter(r -> r.get("device_id").equals(device)
                && r.get("metric").equals("temp_c")).findFirst().orElseThrow();
        assertThat(first).containsEntry("device_group", "cold chain, Süd west=2")
                .containsEntry("window_spec", "1m")
                .containsEntry("count", 3L).containsEntry("min", -1.5).containsEntry("max", 0.5)
                .containsEntry("sum", -1.5).containsEntry("mean", -0.5)
                .containsEntry("first", -1.4).containsEntry("last", 0.3999999999999999)
                .containsEntry("revision", 0L).containsEntry("stddev", null)
                .containsEntry("timestamp", new Timestamp(T0));
        Map<String, Object> second = rows.stream().filter(r -> r.get("metric").equals("door open")).findFirst()
                .orElseThrow();
        assertThat(second).containsEntry("device_id", device).containsEntry("mean", 1.0 / 3 + 1)
                .containsEntry("stddev", 0.125).containsEntry("revision", 1L)
                .containsEntry("timestamp", new Timestamp(T0 + 60_000));
        assertThat(rows).anySatisfy(r -> assertThat(r).containsEntry("device_id", "plain-1")
                .containsEntry("min", 1e-7));
    }

    @Test
    void aRewrittenWindowLeavesOneRowWithTheNewValues() throws Exception {
        String key = "SELECT * FROM rollups WHERE device_id = 'rewritten'";
        Jobs.write(List.of(rollup("rewritten", "g", "temp_c", T0, 0, 5.0)), Jobs.ROLLUP, rollupSink("rollups").build());
        assertThat(questdb.awaitRows(key, r -> r.size() == 1, DEADLINE)).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("revision", 0L).containsEntry("min", 5.0));

        Jobs.write(List.of(rollup("rewritten", "g", "temp_c", T0, 1, 4.0)), Jobs.ROLLUP, rollupSink("rollups").build());
        List<Map<String, Object>> rows = questdb.awaitRows(key,
                r -> r.size() != 1 || Long.valueOf(1).equals(r.get(0).get("revision")), DEADLINE);
        assertThat(rows).singleElement().satisfies(r -> assertThat(r).containsEntry("revision", 1L)
                .containsEntry("count", 4L).containsEntry("min", 4.0).containsEntry("stddev", 0.125));
    }

    @Test
    void readingsLandAsOnePointPerReadingWithAFieldPerMetric() throws Exception {
        // Only the key columns up front: the store adds a column per metric as they come.
        questdb.execute("CREATE TABLE readings_test (device_id SYMBOL, device_group SYMBOL, timestamp TIMESTAMP) "
                + "TIMESTAMP(timestamp) PARTITION BY DAY WAL DEDUP UPSERT KEYS(timestamp, device_id)");
        Reading first = new Reading("pump 1", "pumps", T0 + 10, 1L, new String[] {"pressure_bar", "flow lpm"},
                new double[] {2.5, 30.25});
        LineProtocolSink<Reading> sink = LineProtocolSink.<Reading>builder().endpoint(questdb.httpEndpoint())
                .bucket("telemetry").pointWriter(new ReadingPoints("readings_test")).build();
        Jobs.write(List.of(first,
                new Reading("pump 1", "pumps", T0 + 20, 2L, new String[] {"pressure_bar", "timestamp"},
                        new double[] {2.75, 9}),
                first), Jobs.READING, sink);
        List<Map<String, Object>> rows = questdb.awaitRows("SELECT * FROM readings_test ORDER BY timestamp",
                r -> r.size() >= 2, DEADLINE);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("device_id", "pump 1").containsEntry("device_group", "pumps")
                .containsEntry("pressure_bar", 2.5).containsEntry("flow lpm", 30.25)
                .containsEntry("timestamp", new Timestamp(T0 + 10));
        assertThat(rows.get(1)).containsEntry("pressure_bar", 2.75).containsEntry("flow lpm", null)
                .containsEntry("timestamp", new Timestamp(T0 + 20));
    }

    @Test
    void aLineTheStoreRejectsFailsTheJobWithTheStatusAndTheStoresAnswer() {
        // count is a LONG column; a string there is a type conflict the store answers with HTTP 400.
        PointWriter<Rollup> conflicting = (r, p) -> p.measurement("rollups").tag("device_id", r.deviceId)
                .tag("metric", r.metric).tag("window_spec", r.windowSpec).field("count", "many")
                .timeMillis(r.windowStart);
        LineProtocolSink<Rollup> sink = LineProtocolSink.<Rollup>builder().endpoint(questdb.httpEndpoint())
                .bucket("telemetry").pointWriter(conflicting).build();
        assertThatThrownBy(() -> Jobs.write(List.of(rollup("conflict", "g", "m", T0, 0, 1)), Jobs.ROLLUP, sink))
                .satisfies(e -> assertThat(causes(e)).contains("HTTP 400 from " + sink.writeUri())
                        .contains("cast error").contains("not retried"));
    }

    @Test
    void aRestartAfterACheckpointLeavesExactlyOneRowPerWindow() throws Exception {
        questdb.createRollupsTable("rollups_restart");
        int devices = 20;
        int windows = 100;
        // Slow enough that checkpoints complete while records still flow, even on a busy machine.
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        NoKryo.on(env.getConfig());
        env.enableCheckpointing(100);
        env.setParallelism(2);
        DataGeneratorSource<Rollup> source = new DataGeneratorSource<>(
                i -> rollup("dev-" + (i % devices), "g", "temp_c", T0 + (i / devices) * 60_000, 0, i),
                (long) devices * windows, RateLimiterStrategy.perSecond(1000), Jobs.ROLLUP);
        FailOnceAfterACheckpoint.failed.set(false);
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "rollups")
                .map(new FailOnceAfterACheckpoint()).returns(Jobs.ROLLUP)
                .sinkTo(rollupSink("rollups_restart").maxBatchSize(50).maxTimeInBufferMS(50).build());
        env.execute("restart");

        assertThat(FailOnceAfterACheckpoint.failed).isTrue();
        List<Map<String, Object>> rows = questdb.awaitRows(
                "SELECT device_id, metric, window_spec, timestamp FROM rollups_restart",
                r -> r.size() >= devices * windows, DEADLINE);
        Set<List<Object>> keys = new HashSet<>();
        rows.forEach(r -> keys.add(List.copyOf(r.values())));
        assertThat(keys).hasSize(devices * windows);
        assertThat(rows).hasSize(devices * windows);
    }

    /** Throws once, in the first attempt, after a checkpoint has completed and more records have passed. */
    static final class FailOnceAfterACheckpoint extends RichMapFunction<Rollup, Rollup> implements CheckpointListener {
        static final AtomicBoolean failed = new AtomicBoolean();
        private boolean checkpointed;
        private int sinceCheckpoint;
        private int attempt;

        @Override
        public void open(OpenContext openContext) {
            attempt = getRuntimeContext().getTaskInfo().getAttemptNumber();
        }

        @Override
        public Rollup map(Rollup r) throws Exception {
            if (attempt == 0 && checkpointed && ++sinceCheckpoint > 50 && failed.compareAndSet(false, true)) {
                // Let the sink's requests for the records since the checkpoint reach the store first, so the
                // restart really sends some of them twice.
                Thread.sleep(300);
                throw new IllegalStateException("failing once after a checkpoint, as a test");
            }
            return r;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }
    }
}
