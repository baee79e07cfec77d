package io.fleetstream.operators.alarm;

import static io.fleetstream.model.AlarmCommand.ACKNOWLEDGE;
import static io.fleetstream.model.AlarmCommand.RESET;
import static io.fleetstream.model.AlarmCommand.SHELVE;
import static io.fleetstream.operators.alarm.AlarmHarness.MINUTE;
import static io.fleetstream.operators.alarm.AlarmHarness.SECOND;
import static io.fleetstream.operators.alarm.AlarmHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.operators.alarm.rules.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A checkpoint holds exactly what the alarm events emitted before its barrier came from: restoring from one taken
 * after any input or watermark, into a fresh operator, gives the events an uninterrupted run gives.
 */
class AlarmRestoreTest {
    private static final RuleSet RULES = RuleSet.of(TestRules.temperatureHigh(), TestRules.temperatureJump(),
            TestRules.doorOpen(), TestRules.offline(0), TestRules.anomalyBurst(), TestRules.doorThenWarm(),
            TestRules.halfOffline());
    private static final String[] DEVICES = {"reefer-a", "reefer-b", "reefer-c"};
    private static final long INTERVAL = 30 * SECOND;

    static Stream<StateBackend> backends() {
        return Stream.of(new HashMapStateBackend(), new EmbeddedRocksDBStateBackend());
    }

    interface Step {
        void apply(AlarmHarness h) throws Exception;
    }

    /**
     * Three reefers for an hour: a long excursion with an acknowledge and a reset, a temperature jump, a door held
     * open and shelved, a completed sequence, a device silent long enough to go offline, anomaly bursts, readings
     * out of order within the watermark's bound, readings and anomalies behind the devices' clocks, a late command,
     * and a watermark every few inputs.
     */
    private static List<Step> scenario() {
        List<Step> steps = new ArrayList<>();
        Random random = new Random(7);
        int rounds = 120;
        for (int round = 0; round < rounds; round++) {
            long t = T0 + round * INTERVAL;
            for (int d = 0; d < DEVICES.length; d++) {
                String device = DEVICES[d];
                if (d == 2 && round >= 40 && round < 70) {
                    continue; // silent for 15 min: offline
                }
                double temp = 4 + random.nextDouble();
                if (d == 0 && round >= 10 && round < 50) {
                    temp = round < 30 ? 9 + random.nextDouble() : 13;
                }
                if (d == 1 && round == 20) {
                    temp = 15;
                }
                double door = d == 1 && round >= 55 && round < 110 ? 1 : 0;
                long at = t + random.nextInt((int) (20 * SECOND)); // out of order within the 20 s bound
                double v = temp;
                steps.add(h -> h.readAs(device, at, "temp_c", v, "door_open", door));
                if (d == 1 && (round == 56 || round == 57)) {
                    // as CEP would: the door opened at 55, the reading completes door-then-warm (the second while
                    // active: nothing); the temperature then falls back, and it clears after clear-for
                    steps.add(h -> h.sequenceAs(device, at, "door-then-warm"));
                }
                if (d == 2 && round % 4 == 0 && round >= 80 && round < 100) {
                    steps.add(h -> h.anomalyAs(device, at));
                }
            }
            if (round == 35) {
                steps.add(h -> h.commandAs(DEVICES[0], t, ACKNOWLEDGE, null, 0));
            }
            if (round == 44) {
                // while the escalated alarm is active: cleared by the reset, not raised again (too little left)
                steps.add(h -> h.commandAs(DEVICES[0], t, RESET, "temperature-high", 0));
            }
            if (round == 95) {
                steps.add(h -> h.commandAs(DEVICES[1], t, SHELVE, "door-open", 10 * MINUTE));
                // late: behind what was applied, the reading and the anomaly are dropped, the command applies now
                steps.add(h -> h.readAs(DEVICES[0], t - 10 * MINUTE, "temp_c", 30));
                steps.add(h -> h.anomalyAs(DEVICES[2], t - 10 * MINUTE));
                steps.add(h -> h.commandAs(DEVICES[2], t - 10 * MINUTE, ACKNOWLEDGE, null, 0));
            }
            if (round % 3 == 2) {
                steps.add(h -> h.watermark(t - 20 * SECOND));
            }
        }
        steps.add(h -> h.watermark(T0 + rounds * INTERVAL + 30 * MINUTE));
        return steps;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void restoringAfterEveryStepGivesTheAlarmsOfAnUninterruptedRun(StateBackend backend) throws Exception {
        List<Step> steps = scenario();
        List<AlarmEvent> uninterrupted;
        List<String> seenUninterrupted;
        try (AlarmHarness h = new AlarmHarness(backend, null, RULES)) {
            for (Step s : steps) {
                s.apply(h);
            }
            uninterrupted = h.alarms();
            seenUninterrupted = h.seenNotes();
        }
        // the share rule needs to know who reported: once per device and minute, from the device's state
        assertThat(seenUninterrupted).isNotEmpty();
        assertThat(uninterrupted).extracting(a -> a.rule + " " + a.state).contains("temperature-high RAISED",
                "temperature-high ESCALATED", "temperature-high ACKNOWLEDGED", "temperature-high CLEARED",
                "temperature-jump RAISED", "door-open RAISED", "door-open SHELVED", "offline RAISED",
                "offline CLEARED", "anomaly-burst RAISED", "door-then-warm RAISED", "door-then-warm CLEARED");
        assertThat(uninterrupted).extracting(a -> a.message).contains("reset by alice");

        List<AlarmEvent> restored = new ArrayList<>();
        List<String> seenRestored = new ArrayList<>();
        OperatorSubtaskState snapshot = null;
        long id = 0;
        for (Step s : steps) {
            try (AlarmHarness h = new AlarmHarness(backend, snapshot, RULES)) {
                s.apply(h);
                restored.addAll(h.alarms());
                seenRestored.addAll(h.seenNotes());
                snapshot = h.checkpoint(++id, id);
            }
        }
        // Devices are independent: their events may interleave differently, each device's may not.
        assertThat(byDevice(restored)).isEqualTo(byDevice(uninterrupted));
        assertThat(seenRestored).containsExactlyInAnyOrderElementsOf(seenUninterrupted);
    }

    @Test
    void aCacheSmallerThanTheFleetGivesTheSameAlarmsAcrossRestores() throws Exception {
        List<Step> steps = scenario();
        List<AlarmEvent> roomy;
        try (AlarmHarness h = new AlarmHarness(new EmbeddedRocksDBStateBackend(), null, RULES)) {
            for (Step s : steps) {
                s.apply(h);
            }
            roomy = h.alarms();
        }
        // one device cached at a time: the others are read from and written to RocksDB, evicted or passed through
        List<AlarmEvent> cramped = new ArrayList<>();
        OperatorSubtaskState snapshot = null;
        for (int i = 0; i < steps.size(); i += 25) {
            try (AlarmHarness h = new AlarmHarness(new EmbeddedRocksDBStateBackend(), snapshot, RULES, 1)) {
                for (int j = i; j < Math.min(i + 25, steps.size()); j++) {
                    steps.get(j).apply(h);
                    if (j % 7 == 0) {
                        // a new checkpoint interval: devices idle since the one before last may be evicted
                        h.harness.prepareSnapshotPreBarrier(j);
                    }
                }
                cramped.addAll(h.alarms());
                snapshot = h.checkpoint(i + 1, i + 1);
            }
        }
        assertThat(byDevice(cramped)).isEqualTo(byDevice(roomy));
    }

    private static Map<String, List<String>> byDevice(List<AlarmEvent> events) {
        Map<String, List<String>> out = new TreeMap<>();
        for (AlarmEvent a : events) {
            out.computeIfAbsent(a.deviceId, k -> new ArrayList<>()).add(a.alarmId + " " + a.rule + " " + a.state
                    + " " + a.severity + " " + (a.eventTime - T0) / SECOND + " " + a.values + " " + a.message);
        }
        return out;
    }
}
