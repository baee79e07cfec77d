package io.fleetstream.operators.alarm.fleet;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.operators.alarm.rules.Fleet;
import io.fleetstream.operators.alarm.rules.RulesFile;
import io.fleetstream.testing.NoKryo;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** Drives one {@link FleetOperator} through Flink's keyed harness with the per-device events it would get. */
final class FleetHarness implements AutoCloseable {
    static final long T0 = 1_763_640_000_000L; // 2025-11-20T12:00:00Z, a whole minute
    static final long SECOND = 1_000L;
    static final long MINUTE = 60_000L;
    static final String GROUP = "reefers-west";
    static final String OFFLINE = "device-offline";

    final KeyedOneInputStreamOperatorTestHarness<String, FleetInput, AlarmEvent> harness;
    private int taken;

    /** The fleet rules of a rules file that also has an offline rule, e.g. {@code {name: f, kind: fleet, ...}}. */
    static List<Fleet> fleets(String... rules) {
        return Fleet.in(RulesFile.parse("rules: [{name: " + OFFLINE + ", kind: offline, after: 10m}, "
                + String.join(", ", rules) + "]", "rules.yaml"));
    }

    FleetHarness(StateBackend backend, OperatorSubtaskState restoreFrom, List<Fleet> fleets) throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new FleetOperator(fleets, 100), in -> in.deviceGroup,
                Types.STRING);
        NoKryo.on(harness.getExecutionConfig());
        harness.setStateBackend(backend);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
    }

    OperatorSubtaskState checkpoint(long id) throws Exception {
        harness.prepareSnapshotPreBarrier(id);
        return harness.snapshot(id, id);
    }

    /** The device's offline alarm raised at {@code t}. */
    FleetHarness offline(String device, long t) throws Exception {
        return alarm(device, t, "RAISED", null);
    }

    /** The device's offline alarm cleared at {@code t}: it reports again. */
    FleetHarness back(String device, long t) throws Exception {
        return alarm(device, t, "CLEARED", t);
    }

    private FleetHarness alarm(String device, long t, String state, Long clearedAt) throws Exception {
        AlarmEvent e = new AlarmEvent();
        e.alarmId = "id-" + device;
        e.deviceId = device;
        e.deviceGroup = GROUP;
        e.rule = OFFLINE;
        e.kind = "offline";
        e.severity = "MAJOR";
        e.state = state;
        e.eventTime = t;
        e.raisedAt = t;
        e.clearedAt = clearedAt;
        e.values = "";
        e.message = "no reading";
        harness.processElement(FleetInput.alarm(e), t);
        return this;
    }

    /** The device reported at {@code t} (its first reading of that minute). */
    FleetHarness seen(String device, long t) throws Exception {
        harness.processElement(FleetInput.seen(device, GROUP, t), t);
        return this;
    }

    FleetHarness watermark(long t) throws Exception {
        harness.processWatermark(new Watermark(t));
        return this;
    }

    List<AlarmEvent> all() {
        return harness.extractOutputValues();
    }

    /** The events emitted since the last call. */
    List<AlarmEvent> fresh() {
        List<AlarmEvent> all = all();
        List<AlarmEvent> fresh = new ArrayList<>(all.subList(taken, all.size()));
        taken = all.size();
        return fresh;
    }

    /** The fleet alarms among {@code events}, e.g. {@code site-down RAISED 10:00 devices=20: ...}. */
    static List<String> fleetAlarms(List<AlarmEvent> events) {
        List<String> out = new ArrayList<>();
        for (AlarmEvent e : events) {
            if (e.deviceId.isEmpty()) {
                out.add(e.rule + " " + e.state + " " + clock(e.eventTime) + " " + e.values);
            }
        }
        return out;
    }

    /** The devices whose events among {@code events} are covered by a fleet alarm. */
    static List<String> covered(List<AlarmEvent> events) {
        List<String> out = new ArrayList<>();
        for (AlarmEvent e : events) {
            if (!e.deviceId.isEmpty() && e.message.contains("covered by fleet alarm")) {
                out.add(e.deviceId + " " + e.state);
            }
        }
        return out;
    }

    static String clock(long t) {
        long s = (t - T0) / SECOND;
        return String.format("%02d:%02d", s / 60, s % 60);
    }

    int stateEntries() throws Exception {
        harness.prepareSnapshotPreBarrier(0);
        return harness.numKeyedStateEntries();
    }

    int timers() {
        return harness.numEventTimeTimers();
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
