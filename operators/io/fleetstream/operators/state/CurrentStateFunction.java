package io.fleetstream.operators.state;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.model.DeviceState;
import io.fleetstream.model.Reading;
import io.fleetstream.operators.time.WatermarkFloor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps each device's latest value per metric (newer event time wins, so an out-of-order reading never moves a
 * metric backwards) and emits a snapshot at most once per emit interval of event time, because every write to the
 * current-state table costs money.
 *
 * <p>Snapshots are due at the end of the interval bucket a change falls in (late changes join the bucket of the
 * current watermark), and Flink keeps one timer per key and timestamp, so a burst of readings costs one emit. A
 * device silent for longer than the TTL (event time) is forgotten.
 *
 * <p>A reading or alarm event ahead of the watermark waits in keyed state until its bucket's end passes, and is
 * applied then: the snapshot at the end of a bucket holds exactly what happened up to it. Applied on arrival, a
 * snapshot would also hold whatever newer readings had arrived before the watermark reached the bucket's end: more
 * when the input is read fast than when it is read live, and a replay, a restore or a fast read would write other
 * rows than the live run did.
 *
 * <p>The second input, alarm lifecycle events, keeps the device's active alarms in its state: a raise or change
 * of severity adds or updates the alarm, a clear removes it, and either makes the next snapshot due.
 *
 * <p>"The current watermark" is read through a {@link WatermarkFloor}: after a restore the watermark starts from
 * nothing, and a late change would otherwise be due in an earlier bucket than it was before the failure.
 */
public class CurrentStateFunction extends KeyedCoProcessFunction<String, Reading, AlarmEvent, DeviceState>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    private final long emitIntervalMillis;
    private final long ttlMillis;

    private transient ValueState<TrackedState> tracked;
    /** Readings and alarm events ahead of the watermark, until their bucket's end. */
    private transient ListState<Reading> pendingReadings;
    private transient ListState<AlarmEvent> pendingAlarms;
    private transient WatermarkFloor floor;
    /** The watermark as the operator last saw it ({@link CurrentStateOperator}): what a checkpoint keeps. */
    private transient long lastWatermark = Long.MIN_VALUE;

    public CurrentStateFunction(long emitIntervalMillis, long ttlMillis) {
        if (emitIntervalMillis <= 0 || ttlMillis <= emitIntervalMillis) {
            throw new IllegalArgumentException("need 0 < emit interval < ttl");
        }
        this.emitIntervalMillis = emitIntervalMillis;
        this.ttlMillis = ttlMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        tracked = getRuntimeContext().getState(
                new ValueStateDescriptor<>("device-state", TypeInformation.of(TrackedState.class)));
        pendingReadings = getRuntimeContext().getListState(
                new ListStateDescriptor<>("pending-readings", TypeInformation.of(Reading.class)));
        pendingAlarms = getRuntimeContext().getListState(
                new ListStateDescriptor<>("pending-alarms", TypeInformation.of(AlarmEvent.class)));
    }

    @Override
    public void processElement1(Reading r, Context ctx, Collector<DeviceState> out) throws Exception {
        long watermark = floor.apply(ctx.timerService().currentWatermark());
        if (r.eventTime > watermark) {
            pendingReadings.add(r);
            ctx.timerService().registerEventTimeTimer(bucketEnd(r.eventTime));
            return;
        }
        TrackedState t = trackedOrNew(r.deviceId, r.eventTime, ctx);
        if (apply(t.state, r) && !t.dirty) {
            // While dirty, an emit timer is already pending and will send this change too.
            t.dirty = true;
            ctx.timerService().registerEventTimeTimer(bucketEnd(watermark));
        }
        tracked.update(t);
    }

    @Override
    public void processElement2(AlarmEvent a, Context ctx, Collector<DeviceState> out) throws Exception {
        long watermark = floor.apply(ctx.timerService().currentWatermark());
        if (a.eventTime > watermark) {
            pendingAlarms.add(a);
            ctx.timerService().registerEventTimeTimer(bucketEnd(a.eventTime));
            return;
        }
        TrackedState t = tracked.value();
        if (t == null) {
            // Alarms follow the device's readings; a device already forgotten has nothing to show them on.
            return;
        }
        if (ActiveAlarms.apply(t.state, a) && !t.dirty) {
            t.dirty = true;
            ctx.timerService().registerEventTimeTimer(bucketEnd(watermark));
        }
        tracked.update(t);
    }

    private TrackedState trackedOrNew(String deviceId, long eventTime, Context ctx) throws Exception {
        TrackedState t = tracked.value();
        if (t == null) {
            t = new TrackedState();
            t.state = empty(deviceId);
            t.expiryTimer = bucketEnd(eventTime + ttlMillis);
            ctx.timerService().registerEventTimeTimer(t.expiryTimer);
        }
        return t;
    }

    /**
     * Applies what waited for the bucket ending at {@code time}, in event-time order (a reading before an alarm event
     * of the same time: the reading raised it); the rest keeps waiting.
     */
    private void applyDue(long time, Context ctx) throws Exception {
        List<Reading> readings = due(pendingReadings, time, r -> r.eventTime);
        List<AlarmEvent> alarms = due(pendingAlarms, time, a -> a.eventTime);
        if (readings.isEmpty() && alarms.isEmpty()) {
            return;
        }
        TrackedState t = tracked.value();
        int i = 0;
        int j = 0;
        while (i < readings.size() || j < alarms.size()) {
            if (j == alarms.size() || (i < readings.size() && readings.get(i).eventTime <= alarms.get(j).eventTime)) {
                Reading r = readings.get(i++);
                if (t == null) {
                    t = trackedOrNew(r.deviceId, r.eventTime, ctx);
                }
                t.dirty |= apply(t.state, r);
            } else {
                AlarmEvent a = alarms.get(j++);
                if (t != null) {
                    t.dirty |= ActiveAlarms.apply(t.state, a);
                }
            }
        }
        if (t != null) {
            tracked.update(t);
        }
    }

    /** The entries of {@code pending} up to {@code time}, sorted by event time (stable); the others stay. */
    private static <T> List<T> due(ListState<T> pending, long time, java.util.function.ToLongFunction<T> eventTime)
            throws Exception {
        Iterable<T> all = pending.get();
        if (all == null) {
            return List.of();
        }
        List<T> due = new ArrayList<>();
        List<T> rest = new ArrayList<>();
        for (T x : all) {
            (eventTime.applyAsLong(x) <= time ? due : rest).add(x);
        }
        if (due.isEmpty()) {
            return due;
        }
        if (rest.isEmpty()) {
            pending.clear();
        } else {
            pending.update(rest);
        }
        due.sort(Comparator.comparingLong(eventTime));
        return due;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DeviceState> out) throws Exception {
        applyDue(timestamp, ctx);
        TrackedState t = tracked.value();
        if (t == null) {
            return;
        }
        if (t.dirty) {
            out.collect(copy(t.state));
            t.dirty = false;
        }
        if (timestamp == t.expiryTimer) {
            if (t.state.lastSeen + ttlMillis <= timestamp) {
                tracked.clear();
                return;
            }
            t.expiryTimer = bucketEnd(t.state.lastSeen + ttlMillis);
            ctx.timerService().registerEventTimeTimer(t.expiryTimer);
        }
        tracked.update(t);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        floor = new WatermarkFloor("current-state-watermark");
        floor.initialize(context.getOperatorStateStore(), context.isRestored(),
                getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks(),
                getRuntimeContext().getTaskInfo().getMaxNumberOfParallelSubtasks());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        floor.snapshot(lastWatermark);
    }

    /** Called by {@link CurrentStateOperator} with every watermark it receives. */
    void watermark(long watermark) {
        lastWatermark = Math.max(lastWatermark, watermark);
    }

    /** @return whether the reading changed anything */
    static boolean apply(DeviceState s, Reading r) {
        boolean changed = false;
        if (r.eventTime >= s.lastSeen) {
            changed = r.eventTime > s.lastSeen || !r.deviceGroup.equals(s.deviceGroup);
            s.lastSeen = r.eventTime;
            s.deviceGroup = r.deviceGroup;
        }
        for (int j = 0; j < r.metrics.length; j++) {
            int i = s.indexOf(r.metrics[j]);
            if (i < 0) {
                int n = s.metrics.length;
                s.metrics = Arrays.copyOf(s.metrics, n + 1);
                s.values = Arrays.copyOf(s.values, n + 1);
                s.metricTimes = Arrays.copyOf(s.metricTimes, n + 1);
                s.metrics[n] = r.metrics[j];
                s.values[n] = r.values[j];
                s.metricTimes[n] = r.eventTime;
                changed = true;
            } else if (r.eventTime > s.metricTimes[i]
                    || (r.eventTime == s.metricTimes[i] && r.values[j] > s.values[i])) {
                // A tie on event time keeps the larger value, so the result does not depend on arrival order.
                s.values[i] = r.values[j];
                s.metricTimes[i] = r.eventTime;
                changed = true;
            }
        }
        return changed;
    }

    private long bucketEnd(long t) {
        return Math.floorDiv(t, emitIntervalMillis) * emitIntervalMillis + emitIntervalMillis;
    }

    private static DeviceState empty(String deviceId) {
        DeviceState s = new DeviceState();
        s.deviceId = deviceId;
        s.lastSeen = Long.MIN_VALUE;
        s.metrics = new String[0];
        s.values = new double[0];
        s.metricTimes = new long[0];
        s.activeAlarms = new String[0];
        return s;
    }

    private static DeviceState copy(DeviceState s) {
        DeviceState c = new DeviceState();
        c.deviceId = s.deviceId;
        c.deviceGroup = s.deviceGroup;
        c.lastSeen = s.lastSeen;
        c.metrics = s.metrics.clone();
        c.values = s.values.clone();
        c.metricTimes = s.metricTimes.clone();
        c.activeAlarms = s.activeAlarms.clone();
        c.online = s.online;
        return c;
    }
}
