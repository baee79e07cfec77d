package io.fleetstream.operators.state;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.model.DeviceState;
import io.fleetstream.model.Reading;
import io.fleetstream.operators.time.WatermarkFloor;
import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
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
    }

    @Override
    public void processElement1(Reading r, Context ctx, Collector<DeviceState> out) throws Exception {
        TrackedState t = tracked.value();
        if (t == null) {
            t = new TrackedState();
            t.state = empty(r.deviceId);
            t.expiryTimer = bucketEnd(r.eventTime + ttlMillis);
            ctx.timerService().registerEventTimeTimer(t.expiryTimer);
        }
        if (apply(t.state, r) && !t.dirty) {
            // While dirty, an emit timer is already pending and will send this change too.
            t.dirty = true;
            long due = bucketEnd(Math.max(r.eventTime, floor.apply(ctx.timerService().currentWatermark())));
            ctx.timerService().registerEventTimeTimer(due);
        }
        tracked.update(t);
    }

    @Override
    public void processElement2(AlarmEvent a, Context ctx, Collector<DeviceState> out) throws Exception {
        TrackedState t = tracked.value();
        if (t == null) {
            // Alarms follow the device's readings; a device already forgotten has nothing to show them on.
            return;
        }
        if (ActiveAlarms.apply(t.state, a) && !t.dirty) {
            t.dirty = true;
            ctx.timerService().registerEventTimeTimer(
                    bucketEnd(Math.max(a.eventTime, floor.apply(ctx.timerService().currentWatermark()))));
        }
        tracked.update(t);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DeviceState> out) throws Exception {
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
