package io.fleetstream.operators.alarm;

import static io.fleetstream.operators.alarm.RuleState.NONE;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.model.Reading;
import io.fleetstream.operators.time.EventTimeOperator;
import io.fleetstream.operators.alarm.fleet.FleetInput;
import io.fleetstream.operators.alarm.fleet.FleetOperator;
import io.fleetstream.operators.alarm.rules.Fleet;
import io.fleetstream.operators.alarm.rules.RuleSet;
import io.fleetstream.operators.internal.CachedValueState;
import io.fleetstream.operators.internal.KeyedBuffer;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Evaluates the alarm rules of each device (both inputs keyed by device id) over its readings, anomalies and the
 * sequences Flink CEP found complete (see {@code operators.alarm.sequence}), applies
 * operators' commands (acknowledge, shelve, reset), and emits alarm lifecycle events: RAISED, ESCALATED,
 * DEESCALATED, ACKNOWLEDGED, SHELVED, CLEARED.
 *
 * <p>Readings arrive out of order within the watermark bound, but a rule such as "holds for 5 min" is a state
 * machine that must see them in event-time order. So inputs wait until the watermark passes them (as Flink CEP
 * does), and are then applied in order together with the rules' deadlines; at equal times a reading goes before the
 * anomaly scored from it and the commands given then. Inputs behind what was already applied are counted
 * ({@code alarms.late-inputs}) and ignored.
 *
 * <p><b>Why an operator with a cache, not a process function.</b> With RocksDB, a process function reads and writes
 * the device's rule state and its waiting inputs in keyed state for every reading and again for every timer, and that
 * dominated the job's profile. So, as Flink SQL's mini-batch operators do: waiting inputs stay in a heap buffer that
 * each watermark drains (no timer per input), devices' decoded state stays in a bounded heap cache, and both go to
 * keyed state only when a device leaves the cache and before each checkpoint barrier ({@link
 * #prepareSnapshotPreBarrier}). A checkpoint then holds exactly the state whose alarm events went out before its
 * barrier, and a restore gives the events an uninterrupted run gives. With the heap backend, state already holds
 * objects, so nothing is cached.
 *
 * <p>Deadlines (offline, {@code for}, {@code clear-for}, expiry) fire by the watermark alone, through at most one
 * event-time timer per device, at its earliest deadline. A bounded input does not end with the watermark at the end
 * of time: the event-time stamper caps it where a live run over the same data would stand (the newest event time
 * less the out-of-orderness), so a device that fell silent long enough before that is offline whatever the read
 * speed, and one whose silence began within it is not.
 */
public class AlarmOperator extends EventTimeOperator<AlarmEvent>
        implements TwoInputStreamOperator<Reading, AlarmInput, AlarmEvent>, Triggerable<String, VoidNamespace> {
    private static final long serialVersionUID = 1L;

    /** Event-time order; a reading before the anomalies and commands of its instant; else arrival order. */
    private static final Comparator<AlarmInput> ORDER = Comparator.comparingLong((AlarmInput in) -> in.eventTime)
            .thenComparingInt(in -> in.reading != null ? 0 : 1);

    private final RuleSet rules;
    private final long deviceTtlMillis;
    private final int cacheMaxDevices;

    private transient AlarmEngine engine;
    private transient CachedValueState<DeviceAlarms> devices;
    private transient ListState<AlarmInput> pendingState;
    private transient KeyedBuffer<AlarmInput> pending;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient Consumer<AlarmEvent> emit;
    private transient Counter raised;
    private transient Counter cleared;
    private transient Counter lateInputs;
    private transient Counter ignoredCommands;
    /** Per device group: whether a fleet share rule needs to know which of its devices report. */
    private transient Map<String, Boolean> seenGroups;
    private transient List<Fleet> fleets;

    /** @param cacheMaxDevices devices whose decoded state a subtask keeps on the heap (RocksDB only) */
    public AlarmOperator(RuleSet rules, long deviceTtlMillis, int cacheMaxDevices) {
        super("alarms-watermark");
        if (deviceTtlMillis <= 0) {
            throw new IllegalArgumentException("device TTL must be positive");
        }
        if (cacheMaxDevices < 0) {
            throw new IllegalArgumentException("cache size must be >= 0, got " + cacheMaxDevices);
        }
        this.rules = rules;
        this.deviceTtlMillis = deviceTtlMillis;
        this.cacheMaxDevices = cacheMaxDevices;
    }

    @Override
    public void open() throws Exception {
        super.open();
        engine = new AlarmEngine(rules, deviceTtlMillis);
        devices = new CachedValueState<>(this, getPartitionedState(
                new ValueStateDescriptor<>("alarms", TypeInformation.of(DeviceAlarms.class))),
                () -> cacheMaxDevices, d -> 1);
        ListStateDescriptor<AlarmInput> pendingDescriptor =
                new ListStateDescriptor<>("pending", TypeInformation.of(AlarmInput.class));
        pendingState = getPartitionedState(pendingDescriptor);
        timers = getInternalTimerService("alarm-deadlines", VoidNamespaceSerializer.INSTANCE, this);
        pending = new KeyedBuffer<>(in -> in.eventTime, ORDER);
        // Inputs that waited for the watermark when the checkpoint was taken wait again on the heap.
        pending.restore(getKeyedStateBackend(), pendingDescriptor);

        var metrics = getRuntimeContext().getMetricGroup();
        raised = metrics.counter("alarms.raised");
        cleared = metrics.counter("alarms.cleared");
        lateInputs = metrics.counter("alarms.late-inputs");
        ignoredCommands = metrics.counter("alarms.commands-ignored");
        metrics.gauge("alarms.pending-inputs", () -> pending.size());
        metrics.gauge("alarms.cached-devices", () -> devices.cache() == null ? 0 : devices.cache().size());
        emit = this::emit;
        fleets = Fleet.in(rules);
        seenGroups = new HashMap<>();
    }

    @Override
    public void processElement1(StreamRecord<Reading> element) throws Exception {
        Reading r = element.getValue();
        String key = (String) getCurrentKey();
        DeviceAlarms d = devices.get(key);
        boolean changed = d == null;
        if (d == null) {
            d = new DeviceAlarms();
        }
        if (d.clock != NONE && r.eventTime < d.clock) {
            lateInputs.inc();
            return;
        }
        RuleState[] before = d.rules;
        engine.assignGroup(d, r.deviceId, r.deviceGroup);
        pending.add(key, AlarmInput.reading(r));
        changed |= d.rules != before;
        changed |= scheduleFallback(d);
        if (changed) {
            devices.changed(key, d);
        }
    }

    @Override
    public void processElement2(StreamRecord<AlarmInput> element) throws Exception {
        AlarmInput in = element.getValue();
        String key = (String) getCurrentKey();
        DeviceAlarms d = devices.get(key);
        if (in.isAnomaly() && (d == null || d.rules == null)) {
            // A device's anomalies follow its readings, so one without state was already forgotten.
            return;
        }
        if (d == null) {
            // A command may arrive before the device's first reading does, and a completed sequence before the
            // reading that completed it (they come on different inputs); it waits for the watermark like any input,
            // and is dropped then if the device still has no history before its time.
            d = new DeviceAlarms();
            d.deviceId = in.deviceId;
            devices.changed(key, d);
        }
        if (d.clock != NONE && in.eventTime < d.clock) {
            if (in.command == null) {
                lateInputs.inc();
                return;
            }
            // A person's command is never dropped for being late: it applies from where the device's clock is.
            AlarmInput late = AlarmInput.command(in.command);
            late.eventTime = d.clock;
            in = late;
        } else if (in.isAnomaly() && !rules.usesAnomalies()) {
            return;
        }
        pending.add(key, in);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        // Called with the combined watermark of both inputs, once it advances. Due inputs first: a deadline timer
        // firing before them would move the device's clock past them.
        long upTo = flooredWatermark(mark.getTimestamp());
        pending.drain(upTo, (key, due, more) -> applyDue(key, due, more, upTo));
        super.processWatermark(mark);
    }

    /** Applies a device's inputs due by the watermark, then its deadlines up to it. */
    private void applyDue(String key, List<AlarmInput> due, boolean more, long upTo) throws Exception {
        setCurrentKey(key);
        DeviceAlarms d = devices.get(key);
        if (d == null) {
            return;
        }
        if (d.rules == null) {
            // Commands whose time passed before the device's first reading: there is nothing for them to act on.
            ignoredCommands.inc(due.size());
            if (!more) {
                forget(key, d);
            }
            return;
        }
        for (AlarmInput in : due) {
            if (in.reading != null) {
                long before = d.lastSeen;
                engine.onReading(d, in.eventTime, in.reading.metrics, in.reading.values, emit);
                seen(d, before);
            } else if (in.sequence != null) {
                engine.onMatch(d, in.eventTime, in.sequence, in.matched, emit);
            } else if (in.isAnomaly()) {
                engine.onAnomaly(d, in.eventTime, emit);
            } else {
                engine.onCommand(d, in.eventTime, in.command, emit);
            }
        }
        advance(key, d, upTo);
    }

    /**
     * Tells the fleet operator, once per device and minute of event time, that the device reported, when a share
     * rule of its group needs to know; the alarm events go out with it, before the watermark that released them.
     */
    private void seen(DeviceAlarms d, long before) {
        long minute = Fleet.SEEN_SLICE_MILLIS;
        if ((before != NONE && Math.floorDiv(before, minute) == Math.floorDiv(d.lastSeen, minute))
                || !seenGroups.computeIfAbsent(d.deviceGroup, g -> FleetOperator.needsSeen(fleets, g))) {
            return;
        }
        output.collect(FleetOperator.SEEN, new StreamRecord<>(FleetInput.seen(d.deviceId, d.deviceGroup, d.lastSeen),
                d.lastSeen));
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        String key = timer.getKey();
        DeviceAlarms d = devices.get(key);
        if (d == null || d.timer != timer.getTimestamp()) {
            return;
        }
        d.timer = NONE;
        advance(key, d, flooredWatermark(timers.currentWatermark()));
    }

    /** Fires the device's deadlines up to {@code upTo}; forgets it when it expired, else keeps a timer for more. */
    private void advance(String key, DeviceAlarms d, long upTo) throws Exception {
        engine.advanceTo(d, upTo, emit);
        if (d.lastSeen == NONE) {
            forget(key, d);
            return;
        }
        schedule(d, engine.nextDeadline(d));
        devices.changed(key, d);
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        String key = timer.getKey();
        DeviceAlarms d = devices.get(key);
        if (d == null) {
            return;
        }
        d.processingTimer = NONE;
        engine.onWatermarkStalled(d, emit);
        devices.changed(key, d);
    }

    /** Keeps the device's single event-time timer at the earliest of its current one and {@code time}. */
    private void schedule(DeviceAlarms d, long time) {
        if (time == NONE || time == Long.MAX_VALUE || (d.timer != NONE && d.timer <= time)) {
            return;
        }
        if (d.timer != NONE) {
            timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, d.timer);
        }
        d.timer = time;
        timers.registerEventTimeTimer(VoidNamespace.INSTANCE, time);
    }

    /** Moves the offline fallback to its delay from now; whether the device's state changed. */
    private boolean scheduleFallback(DeviceAlarms d) {
        long fallback = engine.processingTimeFallback(d);
        if (fallback <= 0) {
            return false;
        }
        if (d.processingTimer != NONE) {
            timers.deleteProcessingTimeTimer(VoidNamespace.INSTANCE, d.processingTimer);
        }
        d.processingTimer = timers.currentProcessingTime() + fallback;
        timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, d.processingTimer);
        return true;
    }

    /** Drops everything of the device: it expired, or it only ever had commands. */
    private void forget(String key, DeviceAlarms d) {
        if (d.timer != NONE) {
            timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, d.timer);
        }
        if (d.processingTimer != NONE) {
            timers.deleteProcessingTimeTimer(VoidNamespace.INSTANCE, d.processingTimer);
        }
        devices.clear(key);
        // Inputs newer than the expiry go too, as they did with the process function: they were admitted against
        // the state just dropped, and a device that reports again starts afresh from its next reading.
        pending.remove(key);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        devices.flush();
        pending.flush(pendingState, this::setCurrentKey);
    }

    /** Counts transitions on their way out; each goes out at its own event time. */
    private void emit(AlarmEvent e) {
        if (Transitions.RAISED.equals(e.state)) {
            raised.inc();
        } else if (Transitions.CLEARED.equals(e.state)) {
            cleared.inc();
        }
        output.collect(new StreamRecord<>(e, e.eventTime));
    }
}
