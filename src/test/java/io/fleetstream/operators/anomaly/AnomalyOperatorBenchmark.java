package io.fleetstream.operators.anomaly;

import io.fleetstream.model.AnomalyEvent;
import io.fleetstream.model.Reading;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;

import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * Per-event cost of the anomaly operator with one model per device, on RocksDB (every access deserializes and
 * serializes the model) and on the heap, in one thread. Not a test: run it and read the figures.
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat target/test.classpath) \
 *     io.fleetstream.operators.anomaly.AnomalyOperatorBenchmark [devices] [readingsPerDevice] [warmupRounds]</pre>
 */
public final class AnomalyOperatorBenchmark {
    private AnomalyOperatorBenchmark() {}

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int perDevice = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        // models are only as big as what they have seen: measure after enough rounds for the figure you want
        // (a forest of sample 256 with the default time decay is mature after about 2,500 readings)
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : perDevice / 2;
        System.out.printf("anomaly operator: %,d devices x %,d readings, 4 metrics, 50 trees, sample 256, shingle 4%n",
                devices, perDevice);
        // The test harness gives RocksDB almost no managed memory, so it would flush its memtable every few writes
        // and the figure would measure that; RocksDB's own default buffers are closer to a sized cluster's.
        EmbeddedRocksDBStateBackend rocksDb = new EmbeddedRocksDBStateBackend();
        rocksDb.getMemoryConfiguration().setUseManagedMemory(false);
        for (StateBackend backend : new StateBackend[] {rocksDb, new HashMapStateBackend()}) {
            run(backend, devices, perDevice, warmup);
        }
    }

    private static void run(StateBackend backend, int devices, int perDevice, int warmupRounds)
            throws Exception {
        AnomalySettings settings = new AnomalySettings(List.of(), 50, 256, 4, 0.005, 42L, 7L * 86_400_000L);
        try (KeyedOneInputStreamOperatorTestHarness<String, Reading, AnomalyEvent> h =
                new KeyedOneInputStreamOperatorTestHarness<>(new AnomalyOperator(settings, 0),
                        r -> r.deviceId, Types.STRING)) {
            h.setStateBackend(backend);
            h.open();
            Random random = new Random(1);
            String[] ids = new String[devices];
            for (int d = 0; d < devices; d++) {
                ids[d] = "dev-" + d;
            }
            String[] metrics = {"temp_c", "setpoint_c", "door_open", "fuel_pct"};
            long t0 = 1_763_640_000_000L;
            long events = 0;
            long measuredFrom = 0;
            long start = 0;
            for (int round = 0; round < perDevice; round++) {
                if (round == warmupRounds) {
                    start = System.nanoTime();
                    measuredFrom = events;
                }
                long t = t0 + round * 10_000L;
                for (int d = 0; d < devices; d++) {
                    double[] v = {4 + random.nextGaussian() * 0.3, 4, random.nextInt(20) == 0 ? 1 : 0,
                            80 - round * 0.01};
                    // Ahead of the watermark, as live data is: each reading waits in state for its timer.
                    h.processElement(new Reading(ids[d], "g", t, (long) round, metrics, v), t);
                    events++;
                }
                h.processWatermark(t);
            }
            double secs = (System.nanoTime() - start) / 1e9;
            long measured = events - measuredFrom;
            // what a checkpoint holds per device: the operator writes its cached models before the barrier
            h.prepareSnapshotPreBarrier(1);
            long stateBytes = h.snapshot(1, 1).getStateSize();
            System.out.printf("  %-28s %8.1f us/event  (%,.0f events/s, %,d events measured after %d warm-up rounds)"
                    + ", checkpoint %,d bytes per device%n", backend.getClass().getSimpleName(), secs * 1e6 / measured,
                    measured / secs, measured, warmupRounds, stateBytes / devices);
        }
    }
}
