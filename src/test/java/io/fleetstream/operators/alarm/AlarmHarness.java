package io.fleetstream.operators.alarm;

import io.fleetstream.model.AlarmCommand;
import io.fleetstream.model.AlarmEvent;
import io.fleetstream.model.AnomalyEvent;
import io.fleetstream.model.Reading;
import io.fleetstream.operators.alarm.rules.AlarmRule;
import io.fleetstream.operators.alarm.rules.RuleSet;
import io.fleetstream.testing.NoKryo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/** Drives one {@link AlarmOperator} through Flink's keyed two-input harness, one device by default. */
final class AlarmHarness implements AutoCloseable {
    static final long T0 = 1_763_640_000_000L;
    static final long SECOND = 1_000L;
    static final long MINUTE = 60_000L;
    static final long TTL = 24 * 60 * MINUTE;
    static final String DEVICE = "reefer-0001";
    static final String GROUP = "reefers-west";
    /** Devices whose state the operator caches on RocksDB. */
    static final int CACHE = 10_000;

    final KeyedTwoInputStreamOperatorTestHarness<String, Reading, AlarmInput, AlarmEvent> harness;
    private int taken;

    AlarmHarness(AlarmRule... rules) throws Exception {
        this(new HashMapStateBackend(), null, RuleSet.of(rules));
    }

    /** On {@code backend}, restored from {@code restoreFrom} when it is not null. */
    AlarmHarness(StateBackend backend, OperatorSubtaskState restoreFrom, RuleSet rules) throws Exception {
        this(backend, restoreFrom, rules, CACHE);
    }

    AlarmHarness(StateBackend backend, OperatorSubtaskState restoreFrom, RuleSet rules, int cacheMaxDevices)
            throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(new AlarmOperator(rules, TTL, cacheMaxDevices),
                r -> r.deviceId, a -> a.deviceId, Types.STRING);
        NoKryo.on(harness.getExecutionConfig());
        harness.setStateBackend(backend);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
    }

    /** As a task takes a checkpoint: the operator writes its heap state before the barrier, then it is snapshotted. */
    OperatorSubtaskState checkpoint(long id, long timestamp) throws Exception {
        harness.prepareSnapshotPreBarrier(id);
        return harness.snapshot(id, timestamp);
    }

    /** One reading of the device at {@code t} with metric/value pairs, e.g. {@code read(t, "temp_c", 8.5)}. */
    AlarmHarness read(long t, Object... metricValues) throws Exception {
        return readAs(DEVICE, t, metricValues);
    }

    AlarmHarness readAs(String device, long t, Object... metricValues) throws Exception {
        String[] metrics = new String[metricValues.length / 2];
        double[] values = new double[metrics.length];
        for (int i = 0; i < metrics.length; i++) {
            metrics[i] = (String) metricValues[2 * i];
            values[i] = ((Number) metricValues[2 * i + 1]).doubleValue();
        }
        harness.processElement1(new Reading(device, GROUP, t, null, metrics, values), t);
        return this;
    }

    /** Readings every 10 s in [from, to), the metric's value a function of event time. */
    AlarmHarness series(long from, long to, String metric, LongToDoubleFunction value) throws Exception {
        for (long t = from; t < to; t += 10 * SECOND) {
            read(t, metric, value.applyAsDouble(t));
        }
        return this;
    }

    AlarmHarness anomaly(long t) throws Exception {
        return anomalyAs(DEVICE, t);
    }

    AlarmHarness anomalyAs(String device, long t) throws Exception {
        AnomalyEvent a = new AnomalyEvent();
        a.deviceId = device;
        a.deviceGroup = GROUP;
        a.eventTime = t;
        a.score = 3;
        a.grade = 0.9;
        a.attributionMetrics = new String[0];
        a.attributionShares = new double[0];
        harness.processElement2(AlarmInput.anomaly(a), t);
        return this;
    }

    /** Flink CEP found the sequence of {@code rule} complete on the device at {@code t}. */
    AlarmHarness sequence(long t, String rule) throws Exception {
        return sequenceAs(DEVICE, t, rule);
    }

    AlarmHarness sequenceAs(String device, long t, String rule) throws Exception {
        harness.processElement2(AlarmInput.sequence(device, t, rule, "matched at " + t), t);
        return this;
    }

    /** An operator's command on the device's alarms ({@code rule} null: every rule). */
    AlarmHarness command(long t, String command, String rule, long shelveForMillis) throws Exception {
        return commandAs(DEVICE, t, command, rule, shelveForMillis);
    }

    AlarmHarness commandAs(String device, long t, String command, String rule, long shelveForMillis)
            throws Exception {
        AlarmCommand c = new AlarmCommand();
        c.command = command;
        c.deviceId = device;
        c.rule = rule;
        c.eventTime = t;
        c.shelveForMillis = shelveForMillis;
        c.user = "alice";
        harness.processElement2(AlarmInput.command(c), t);
        return this;
    }

    AlarmHarness watermark(long t) throws Exception {
        harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(t));
        return this;
    }

    /** Every alarm event emitted so far. */
    List<AlarmEvent> alarms() {
        return harness.extractOutputValues();
    }

    /** Every "device seen" note for the fleet operator emitted so far, as device@time. */
    List<String> seenNotes() {
        java.util.Queue<org.apache.flink.streaming.runtime.streamrecord.StreamRecord<
                io.fleetstream.operators.alarm.fleet.FleetInput>> side =
                harness.getSideOutput(io.fleetstream.operators.alarm.fleet.FleetOperator.SEEN);
        List<String> notes = new ArrayList<>();
        if (side != null) {
            side.forEach(r -> notes.add(r.getValue().deviceId + "@" + r.getValue().eventTime));
        }
        return notes;
    }

    /** The alarm events emitted since the last call. */
    List<AlarmEvent> newAlarms() {
        List<AlarmEvent> all = alarms();
        List<AlarmEvent> fresh = new ArrayList<>(all.subList(taken, all.size()));
        taken = all.size();
        return fresh;
    }

    int timers() {
        return harness.numEventTimeTimers();
    }

    int processingTimers() {
        return harness.numProcessingTimeTimers();
    }

    /** Keyed state entries a checkpoint taken now would hold (the operator writes its heap state first). */
    int stateEntries() throws Exception {
        harness.prepareSnapshotPreBarrier(0);
        return harness.numKeyedStateEntries();
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
