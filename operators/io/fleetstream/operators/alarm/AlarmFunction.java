package io.fleetstream.operators.alarm;

import static io.fleetstream.operators.alarm.RuleState.NONE;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.model.Reading;
import io.fleetstream.operators.alarm.rules.RuleSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Evaluates the alarm rules of each device (keyed by device id) over its readings and anomalies, applies operators'
 * commands (acknowledge, shelve, reset), and emits alarm lifecycle events: RAISED, ESCALATED, DEESCALATED,
 * ACKNOWLEDGED, SHELVED, CLEARED.
 *
 * <p>Readings arrive out of order within the watermark bound, but a rule such as "holds for 5 min" is a state
 * machine that must see them in event-time order. So inputs wait in state until the watermark passes them (as Flink
 * CEP does), and are then applied in order together with the rules' deadlines. Each device has at most one
 * event-time timer: at its earliest buffered input or deadline. Inputs behind what was already applied are counted
 * ({@code alarms.late-inputs}) and ignored.
 *
 * <p>Deadlines (offline, {@code for}, {@code clear-for}, expiry) fire by the watermark alone. A bounded input does
 * not end with the watermark at the end of time: the event-time stamper caps it where a live run over the same data
 * would stand (the newest event time less the out-of-orderness), so a device that fell silent long enough before
 * that is offline whatever the read speed, and one whose silence began within it is not.
 */
public class AlarmFunction extends KeyedCoProcessFunction<String, Reading, AlarmInput, AlarmEvent> {
    private static final long serialVersionUID = 1L;

    private final RuleSet rules;
    private final long deviceTtlMillis;

    private transient AlarmEngine engine;
    private transient ValueState<DeviceAlarms> state;
    private transient ListState<Reading> pendingReadings;
    private transient ListState<AlarmInput> pendingInputs;
    private transient Counter raised;
    private transient Counter cleared;
    private transient Counter lateInputs;
    private transient Counter ignoredCommands;

    public AlarmFunction(RuleSet rules, long deviceTtlMillis) {
        if (deviceTtlMillis <= 0) {
            throw new IllegalArgumentException("device TTL must be positive");
        }
        this.rules = rules;
        this.deviceTtlMillis = deviceTtlMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        engine = new AlarmEngine(rules, deviceTtlMillis);
        state = getRuntimeContext().getState(
                new ValueStateDescriptor<>("alarms", TypeInformation.of(DeviceAlarms.class)));
        pendingReadings = getRuntimeContext().getListState(
                new ListStateDescriptor<>("alarm-pending-readings", TypeInformation.of(Reading.class)));
        pendingInputs = getRuntimeContext().getListState(
                new ListStateDescriptor<>("alarm-pending-inputs", TypeInformation.of(AlarmInput.class)));
        raised = getRuntimeContext().getMetricGroup().counter("alarms.raised");
        cleared = getRuntimeContext().getMetricGroup().counter("alarms.cleared");
        lateInputs = getRuntimeContext().getMetricGroup().counter("alarms.late-inputs");
        ignoredCommands = getRuntimeContext().getMetricGroup().counter("alarms.commands-ignored");
    }

    @Override
    public void processElement1(Reading r, Context ctx, Collector<AlarmEvent> out) throws Exception {
        DeviceAlarms d = state.value();
        if (d == null) {
            d = new DeviceAlarms();
        }
        if (d.clock != NONE && r.eventTime < d.clock) {
            lateInputs.inc();
            return;
        }
        engine.assignGroup(d, r.deviceId, r.deviceGroup);
        pendingReadings.add(r);
        schedule(d, r.eventTime, ctx.timerService());
        scheduleFallback(d, ctx.timerService());
        state.update(d);
    }

    @Override
    public void processElement2(AlarmInput in, Context ctx, Collector<AlarmEvent> out) throws Exception {
        DeviceAlarms d = state.value();
        if (in.isAnomaly() && (d == null || d.rules == null)) {
            // A device's anomalies follow its readings, so one without state was already forgotten.
            return;
        }
        if (d == null) {
            // A command may arrive before the device's first reading does; it waits for the watermark like any
            // input, and is dropped then if the device still has no history before the command's time.
            d = new DeviceAlarms();
            d.deviceId = in.deviceId;
        }
        if (d.clock != NONE && in.eventTime < d.clock) {
            if (in.isAnomaly()) {
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
        pendingInputs.add(in);
        schedule(d, in.eventTime, ctx.timerService());
        state.update(d);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlarmEvent> out) throws Exception {
        DeviceAlarms d = state.value();
        if (d == null) {
            return;
        }
        Emitter emit = new Emitter(out);
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            d.processingTimer = NONE;
            engine.offlineByProcessingTime(d, emit);
            state.update(d);
            return;
        }
        d.timer = NONE;
        long watermark = ctx.timerService().currentWatermark();
        if (d.rules == null) {
            dropCommandsWithoutHistory(d, watermark, ctx);
            return;
        }
        applyInputs(d, watermark, emit);
        engine.advanceTo(d, watermark, emit);
        if (d.lastSeen == NONE) {
            // The device expired: nothing of it is kept.
            clear(d, ctx);
            return;
        }
        schedule(d, Math.min(engine.nextDeadline(d), earliestPending()), ctx.timerService());
        state.update(d);
    }

    /** Commands whose time passed before the device's first reading: there is nothing for them to act on. */
    private void dropCommandsWithoutHistory(DeviceAlarms d, long watermark, OnTimerContext ctx) throws Exception {
        List<AlarmInput> keep = new ArrayList<>();
        for (AlarmInput in : pendingInputs.get()) {
            if (in.eventTime <= watermark) {
                ignoredCommands.inc();
            } else {
                keep.add(in);
            }
        }
        if (keep.isEmpty()) {
            clear(d, ctx);
            return;
        }
        pendingInputs.update(keep);
        schedule(d, earliestPending(), ctx.timerService());
        state.update(d);
    }

    /**
     * Applies buffered readings, anomalies and commands up to {@code upTo} in event-time order; at equal times a
     * reading goes before the anomaly scored from it and the commands given then.
     */
    private void applyInputs(DeviceAlarms d, long upTo, Emitter emit) throws Exception {
        List<Reading> due = new ArrayList<>();
        List<Reading> keep = new ArrayList<>();
        for (Reading r : pendingReadings.get()) {
            (r.eventTime <= upTo ? due : keep).add(r);
        }
        List<AlarmInput> dueInputs = new ArrayList<>();
        List<AlarmInput> keepInputs = new ArrayList<>();
        for (AlarmInput in : pendingInputs.get()) {
            (in.eventTime <= upTo ? dueInputs : keepInputs).add(in);
        }
        due.sort(Comparator.comparingLong((Reading r) -> r.eventTime));
        dueInputs.sort(Comparator.comparingLong((AlarmInput in) -> in.eventTime));
        int a = 0;
        for (Reading r : due) {
            while (a < dueInputs.size() && dueInputs.get(a).eventTime < r.eventTime) {
                apply(d, dueInputs.get(a++), emit);
            }
            engine.onReading(d, r.eventTime, r.metrics, r.values, emit);
        }
        while (a < dueInputs.size()) {
            apply(d, dueInputs.get(a++), emit);
        }
        pendingReadings.update(keep);
        pendingInputs.update(keepInputs);
    }

    private void apply(DeviceAlarms d, AlarmInput in, Emitter emit) {
        if (in.isAnomaly()) {
            engine.onAnomaly(d, in.eventTime, emit);
        } else {
            engine.onCommand(d, in.eventTime, in.command, emit);
        }
    }

    private long earliestPending() throws Exception {
        long t = Long.MAX_VALUE;
        for (Reading r : pendingReadings.get()) {
            t = Math.min(t, r.eventTime);
        }
        for (AlarmInput in : pendingInputs.get()) {
            t = Math.min(t, in.eventTime);
        }
        return t;
    }

    /** Keeps the device's single event-time timer at the earliest of its current one and {@code time}. */
    private static void schedule(DeviceAlarms d, long time, TimerService timers) {
        if (time == NONE || time == Long.MAX_VALUE || (d.timer != NONE && d.timer <= time)) {
            return;
        }
        if (d.timer != NONE) {
            timers.deleteEventTimeTimer(d.timer);
        }
        d.timer = time;
        timers.registerEventTimeTimer(time);
    }

    private void scheduleFallback(DeviceAlarms d, TimerService timers) {
        long fallback = engine.processingTimeFallback(d);
        if (fallback <= 0) {
            return;
        }
        if (d.processingTimer != NONE) {
            timers.deleteProcessingTimeTimer(d.processingTimer);
        }
        d.processingTimer = timers.currentProcessingTime() + fallback;
        timers.registerProcessingTimeTimer(d.processingTimer);
    }

    private void clear(DeviceAlarms d, OnTimerContext ctx) {
        if (d.processingTimer != NONE) {
            ctx.timerService().deleteProcessingTimeTimer(d.processingTimer);
        }
        state.clear();
        pendingReadings.clear();
        pendingInputs.clear();
    }

    /** Counts transitions on their way out. */
    private final class Emitter implements java.util.function.Consumer<AlarmEvent> {
        private final Collector<AlarmEvent> out;

        Emitter(Collector<AlarmEvent> out) {
            this.out = out;
        }

        @Override
        public void accept(AlarmEvent e) {
            if (Transitions.RAISED.equals(e.state)) {
                raised.inc();
            } else if (Transitions.CLEARED.equals(e.state)) {
                cleared.inc();
            }
            out.collect(e);
        }
    }
}
