package io.fleetstream.operators.alarm;

import static io.fleetstream.operators.alarm.RuleState.NONE;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.model.AnomalyEvent;
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
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Evaluates the alarm rules of each device (keyed by device id) over its readings and anomalies, and emits alarm
 * lifecycle events: RAISED, ESCALATED, DEESCALATED, CLEARED.
 *
 * <p>Readings arrive out of order within the watermark bound, but a rule such as "holds for 5 min" is a state
 * machine that must see them in event-time order. So inputs wait in state until the watermark passes them (as Flink
 * CEP does), and are then applied in order together with the rules' deadlines. Each device has at most one
 * event-time timer: at its earliest buffered input or deadline. Inputs behind what was already applied are counted
 * ({@code alarms.late-inputs}) and ignored.
 *
 * <p>When the watermark jumps to the end of time (a bounded input ended), only deadlines up to the device's last
 * input fire: the end of a file or of a replay window is not evidence that a device went silent or that a condition
 * kept holding.
 */
public class AlarmFunction extends KeyedCoProcessFunction<String, Reading, AnomalyEvent, AlarmEvent> {
    private static final long serialVersionUID = 1L;

    private final RuleSet rules;
    private final long deviceTtlMillis;

    private transient AlarmEngine engine;
    private transient ValueState<DeviceAlarms> state;
    private transient ListState<Reading> pendingReadings;
    private transient ListState<Long> pendingAnomalies;
    private transient Counter raised;
    private transient Counter cleared;
    private transient Counter lateInputs;

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
        pendingAnomalies = getRuntimeContext().getListState(
                new ListStateDescriptor<>("alarm-pending-anomalies", Types.LONG));
        raised = getRuntimeContext().getMetricGroup().counter("alarms.raised");
        cleared = getRuntimeContext().getMetricGroup().counter("alarms.cleared");
        lateInputs = getRuntimeContext().getMetricGroup().counter("alarms.late-inputs");
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
    public void processElement2(AnomalyEvent a, Context ctx, Collector<AlarmEvent> out) throws Exception {
        DeviceAlarms d = state.value();
        if (d == null || d.rules == null || !rules.usesAnomalies() || (d.clock != NONE && a.eventTime < d.clock)) {
            // A device's anomalies follow its readings, so one without state was already forgotten.
            if (d != null && d.clock != NONE && a.eventTime < d.clock) {
                lateInputs.inc();
            }
            return;
        }
        pendingAnomalies.add(a.eventTime);
        schedule(d, a.eventTime, ctx.timerService());
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
        boolean endOfInput = watermark == Long.MAX_VALUE;
        applyInputs(d, watermark, emit);
        engine.advanceTo(d, endOfInput ? d.clock : watermark, emit);
        if (d.lastSeen == NONE) {
            // The device expired: nothing of it is kept.
            clear(d, ctx);
            return;
        }
        if (!endOfInput) {
            schedule(d, Math.min(engine.nextDeadline(d), earliestPending()), ctx.timerService());
        }
        state.update(d);
    }

    /** Applies buffered readings and anomalies up to {@code upTo}, in event-time order (a reading before its anomaly). */
    private void applyInputs(DeviceAlarms d, long upTo, Emitter emit) throws Exception {
        List<Reading> due = new ArrayList<>();
        List<Reading> keep = new ArrayList<>();
        for (Reading r : pendingReadings.get()) {
            (r.eventTime <= upTo ? due : keep).add(r);
        }
        List<Long> dueAnomalies = new ArrayList<>();
        List<Long> keepAnomalies = new ArrayList<>();
        for (Long t : pendingAnomalies.get()) {
            (t <= upTo ? dueAnomalies : keepAnomalies).add(t);
        }
        due.sort(Comparator.comparingLong((Reading r) -> r.eventTime));
        dueAnomalies.sort(null);
        int a = 0;
        for (Reading r : due) {
            while (a < dueAnomalies.size() && dueAnomalies.get(a) < r.eventTime) {
                engine.onAnomaly(d, dueAnomalies.get(a++), emit);
            }
            engine.onReading(d, r.eventTime, r.metrics, r.values, emit);
        }
        while (a < dueAnomalies.size()) {
            engine.onAnomaly(d, dueAnomalies.get(a++), emit);
        }
        pendingReadings.update(keep);
        pendingAnomalies.update(keepAnomalies);
    }

    private long earliestPending() throws Exception {
        long t = Long.MAX_VALUE;
        for (Reading r : pendingReadings.get()) {
            t = Math.min(t, r.eventTime);
        }
        for (Long a : pendingAnomalies.get()) {
            t = Math.min(t, a);
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
        pendingAnomalies.clear();
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
