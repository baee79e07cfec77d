package io.fleetstream.operators.alarm;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.model.Reading;
import io.fleetstream.operators.alarm.rules.RuleSet;
import io.fleetstream.operators.alarm.rules.RulesFile;
import java.util.Random;
import java.util.function.Supplier;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/**
 * Per-reading cost of the alarm operator with the built-in rules on a fleet of reefers (temperature, setpoint, door,
 * fuel; one in ten devices drifting warm for a while, so alarms raise and clear), on RocksDB and on the heap, in one
 * thread. Readings arrive up to 10 s out of order, a watermark follows each round of the fleet, and the operator
 * writes its heap state as before a checkpoint barrier every 6 rounds (a minute of readings 10 s apart). Not a
 * test: run it and read the figures.
 *
 * <pre>mvn -o -q dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/test.classpath) \
 *     io.fleetstream.operators.alarm.AlarmOperatorBenchmark [devices] [readingsPerDevice]</pre>
 */
public final class AlarmOperatorBenchmark {
    private AlarmOperatorBenchmark() {}

    static final long TTL = 7L * 86_400_000L;
    static final int CHECKPOINT_EVERY_ROUNDS = 6;

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int perDevice = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        RuleSet rules = RulesFile.loadResource("io/fleetstream/jobs/default-rules.yaml");
        System.out.printf("alarm operator, built-in rules: %,d reefers x %,d readings%n", devices, perDevice);
        for (StateBackend backend : backends()) {
            run("AlarmOperator", () -> new AlarmOperator(rules, TTL, 50_000), backend, devices, perDevice);
        }
    }

    /** RocksDB as on a sized cluster, then the heap. */
    static StateBackend[] backends() {
        // The test harness gives RocksDB almost no managed memory, so it would flush its memtable every few writes
        // and the figure would measure that; RocksDB's own default buffers are closer to a sized cluster's.
        EmbeddedRocksDBStateBackend rocksDb = new EmbeddedRocksDBStateBackend();
        rocksDb.getMemoryConfiguration().setUseManagedMemory(false);
        return new StateBackend[] {rocksDb, new HashMapStateBackend()};
    }

    static void run(String name, Supplier<TwoInputStreamOperator<Reading, AlarmInput, AlarmEvent>> operator,
            StateBackend backend, int devices, int perDevice) throws Exception {
        try (KeyedTwoInputStreamOperatorTestHarness<String, Reading, AlarmInput, AlarmEvent> h =
                new KeyedTwoInputStreamOperatorTestHarness<>(operator.get(), r -> r.deviceId, a -> a.deviceId,
                        Types.STRING)) {
            h.setStateBackend(backend);
            h.open();
            Random random = new Random(1);
            String[] ids = new String[devices];
            for (int d = 0; d < devices; d++) {
                ids[d] = "reefer-" + d;
            }
            String[] metrics = {"temp_c", "setpoint_c", "door_open", "fuel_pct"};
            long t0 = 1_763_640_000_000L;
            int warmup = perDevice / 5;
            long start = 0;
            long measured = 0;
            for (int round = 0; round < perDevice; round++) {
                if (round == warmup) {
                    start = System.nanoTime();
                }
                long t = t0 + round * 10_000L;
                for (int d = 0; d < devices; d++) {
                    // one device in ten drifts warm for 30 min of every 50
                    boolean warm = d % 10 == 0 && (round + d) % 300 < 180;
                    double temp = warm ? 4 + ((round + d) % 300) * 0.05 : 4 + random.nextGaussian() * 0.3;
                    double[] v = {temp, 4, random.nextInt(50) == 0 ? 1 : 0, 80 - round * 0.01};
                    long at = t + random.nextInt(10_000);
                    h.processElement1(new Reading(ids[d], "reefers-west", at, (long) round, metrics, v), at);
                    if (round >= warmup) {
                        measured++;
                    }
                }
                h.processBothWatermarks(new Watermark(t - 10_000));
                if (round % CHECKPOINT_EVERY_ROUNDS == CHECKPOINT_EVERY_ROUNDS - 1) {
                    h.prepareSnapshotPreBarrier(round);
                }
            }
            double secs = (System.nanoTime() - start) / 1e9;
            h.prepareSnapshotPreBarrier(perDevice);
            long stateBytes = h.snapshot(perDevice, perDevice).getStateSize();
            System.out.printf("  %-20s %-28s %7.2f us/reading (%,.0f readings/s, %,d measured after %d warm-up "
                    + "rounds), %,d alarm events, checkpoint %,d bytes per device%n", name,
                    backend.getClass().getSimpleName(), secs * 1e6 / measured, measured / secs, measured, warmup,
                    h.extractOutputValues().size(), stateBytes / devices);
        }
    }
}
