package io.fleetstream.operators.alarm.fleet;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.operators.alarm.commands.CommandParser;
import io.fleetstream.operators.alarm.rules.Fleet;
import io.fleetstream.operators.alarm.rules.RulesFile;
import io.fleetstream.testing.NoKryo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
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

    /**
     * An operator's command on the group's fleet alarms given at {@code t}, by alice: {@code rule} and
     * {@code alarmId} may be null (every fleet alarm of the group), {@code shelveFor} only for SHELVE.
     */
    FleetHarness command(long t, String command, String rule, String alarmId, long shelveFor) throws Exception {
        return command(GROUP, t, command, rule, alarmId, shelveFor);
    }

    /** Read from JSON by the job's parser, so the command is one the control stream can carry. */
    FleetHarness command(String group, long t, String command, String rule, String alarmId, long shelveFor)
            throws Exception {
        String json = "{\"command\":\"" + command + "\",\"deviceGroup\":\"" + group + "\",\"timestamp\":" + t
                + (rule == null ? "" : ",\"rule\":\"" + rule + "\"")
                + (alarmId == null ? "" : ",\"alarmId\":\"" + alarmId + "\"")
                + (shelveFor == 0 ? "" : ",\"shelveFor\":\"" + shelveFor + " ms\"") + ",\"user\":\"alice\","
                + "\"note\":\"on it\"}";
        CommandParser.Parsed p = CommandParser.parse(json.getBytes(StandardCharsets.UTF_8));
        harness.processElement(FleetInput.command(p.deviceGroup, p.command), t);
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

    /** One step of a scenario: inputs, a watermark. */
    interface Step {
        void apply(FleetHarness h) throws Exception;
    }

    /**
     * 12 reefers, each seen every 4 minutes while it reports: 10 go offline one after the other from 10:00 (two a
     * minute) and come back one a minute from {@code backFrom}, the last of them behind what the group applied;
     * {@code more} gives a minute's further input (or null), before the watermark 40 s into every minute; at last a
     * watermark at {@code end}.
     */
    static List<Step> reefersDownAndBack(int minutes, int backFrom, IntFunction<Step> more, long end) {
        List<Step> steps = new ArrayList<>();
        for (int m = 0; m < minutes; m++) {
            long t = T0 + m * MINUTE;
            for (int i = 0; i < 12; i++) {
                String device = String.format("reefer-%02d", i);
                boolean down = i < 10 && m >= 10 + i / 2 && m < backFrom + i;
                if (!down && m % 4 == i % 4) {
                    long at = t + i * SECOND;
                    steps.add(h -> h.seen(device, at));
                }
                if (i < 10 && m == 10 + i / 2) {
                    steps.add(h -> h.offline(device, t + 10 * SECOND));
                }
                if (i < 10 && m == backFrom + i) {
                    long at = i == 9 ? t - 3 * MINUTE : t + i * SECOND;
                    steps.add(h -> h.back(device, at));
                }
            }
            Step extra = more.apply(m);
            if (extra != null) {
                steps.add(extra);
            }
            steps.add(h -> h.watermark(t + 40 * SECOND));
        }
        steps.add(h -> h.watermark(end));
        return steps;
    }

    /** What {@code steps} emit in one run, described by {@link #describe}. */
    static List<String> uninterrupted(StateBackend backend, List<Fleet> fleets, List<Step> steps) throws Exception {
        try (FleetHarness h = new FleetHarness(backend, null, fleets)) {
            for (Step s : steps) {
                s.apply(h);
            }
            return describe(h.all());
        }
    }

    /** What {@code steps} emit with a checkpoint after each, every step run by an operator restored from it. */
    static List<String> restoredAfterEveryStep(StateBackend backend, List<Fleet> fleets, List<Step> steps)
            throws Exception {
        List<String> restored = new ArrayList<>();
        OperatorSubtaskState snapshot = null;
        long id = 0;
        for (Step s : steps) {
            try (FleetHarness h = new FleetHarness(backend, snapshot, fleets)) {
                s.apply(h);
                restored.addAll(describe(h.all()));
                snapshot = h.checkpoint(++id);
            }
        }
        return restored;
    }

    /** Every field an output reads, e.g. {@code  site-down RAISED 12:00 <id> null devices=8: ... <message>}. */
    static List<String> describe(List<AlarmEvent> events) {
        List<String> out = new ArrayList<>();
        for (AlarmEvent e : events) {
            out.add(e.deviceId + " " + e.rule + " " + e.state + " " + clock(e.eventTime) + " " + e.alarmId + " "
                    + e.clearedAt + " " + e.values + " " + e.message);
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
