package io.fleetstream.operators.state;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.model.DeviceState;
import io.fleetstream.model.Reading;
import io.fleetstream.operators.time.WatermarkFloor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
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
 * <p>Every reading and alarm event waits in keyed state for the bucket it is due in, and is applied when that bucket's
 * end passes: the snapshot at the end of a bucket holds exactly what is due up to it. Applied on arrival, a snapshot
 * would also hold whatever newer readings had arrived before the watermark reached the bucket's end: more when the
 * input is read fast than when it is read live, and a replay, a restore or a fast read would write other rows than
 * the live run did. What is due when is decided by each input's own watermark (a reading behind the readings'
 * watermark is due in that watermark's bucket), not the operator's, which is the smaller of the two inputs' and so
 * depends on how far the alarms have got: timing, not input.
 *
 * <p>The second input, alarm lifecycle events, keeps the device's active alarms in its state: a raise or change
 * of severity adds or updates the alarm, a clear removes it, and either makes the next snapshot due.
 *
 * <p>Each input's watermark is read through a {@link WatermarkFloor}: after a restore the watermark starts from
 * nothing, and a late change would otherwise be due in an earlier bucket than it was before the failure.
 */
public class CurrentStateFunction extends KeyedCoProcessFunction<String, Reading, AlarmEvent, DeviceState>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    private final long emitIntervalMillis;
    private final long ttlMillis;

    private transient ValueState<TrackedState> tracked;
    /** Readings and alarm events waiting for the end of the bucket they are due in (the key). */
    private transient MapState<Long, List<Reading>> pendingReadings;
    private transient MapState<Long, List<AlarmEvent>> pendingAlarms;
    private transient WatermarkFloor readingsFloor;
    private transient WatermarkFloor alarmsFloor;
    /** Each input's watermark as the operator last saw it ({@link CurrentStateOperator}): what a checkpoint keeps. */
    private transient long readingsWatermark = Long.MIN_VALUE;
    private transient long alarmsWatermark = Long.MIN_VALUE;

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
        pendingReadings = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending-readings", Types.LONG,
                Types.LIST(TypeInformation.of(Reading.class))));
        pendingAlarms = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending-alarms", Types.LONG,
                Types.LIST(TypeInformation.of(AlarmEvent.class))));
    }

    @Override
    public void processElement1(Reading r, Context ctx, Collector<DeviceState> out) throws Exception {
        long due = bucketEnd(Math.max(r.eventTime, readingsFloor.apply(readingsWatermark)));
        if (add(pendingReadings, due, r)) {
            ctx.timerService().registerEventTimeTimer(due);
        }
    }

    @Override
    public void processElement2(AlarmEvent a, Context ctx, Collector<DeviceState> out) throws Exception {
        long due = bucketEnd(Math.max(a.eventTime, alarmsFloor.apply(alarmsWatermark)));
        if (add(pendingAlarms, due, a)) {
            ctx.timerService().registerEventTimeTimer(due);
        }
    }

    /**
     * Adds x to what waits for {@code due}; whether it is the first, which then needs the timer (a timer registration
     * is a RocksDB write even when the timer exists, and the timer fires for all of them).
     */
    private static <T> boolean add(MapState<Long, List<T>> pending, long due, T x) throws Exception {
        List<T> waiting = pending.get(due);
        boolean first = waiting == null;
        if (first) {
            waiting = new ArrayList<>(2);
        }
        waiting.add(x);
        pending.put(due, waiting);
        return first;
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
     * Applies what is due at the bucket ending at {@code time}, in event-time order (a reading before an alarm event
     * of the same time: the reading raised it).
     */
    private void applyDue(long time, Context ctx) throws Exception {
        List<Reading> readings = take(pendingReadings, time, r -> r.eventTime);
        List<AlarmEvent> alarms = take(pendingAlarms, time, a -> a.eventTime);
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
                // alarms follow the device's readings; a device already forgotten has nothing to show them on
                if (t != null) {
                    t.dirty |= ActiveAlarms.apply(t.state, a);
                }
            }
        }
        if (t != null) {
            tracked.update(t);
        }
    }

    /** What {@code pending} holds for the bucket ending at {@code time}, sorted by event time (stable), removed. */
    private static <T> List<T> take(MapState<Long, List<T>> pending, long time, ToLongFunction<T> eventTime)
            throws Exception {
        List<T> due = pending.get(time);
        if (due == null) {
            return List.of();
        }
        pending.remove(time);
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
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        int maxParallelism = getRuntimeContext().getTaskInfo().getMaxNumberOfParallelSubtasks();
        // the readings' floor keeps the state name the operator's single floor had: that watermark was never ahead
        readingsFloor = new WatermarkFloor("current-state-watermark");
        readingsFloor.initialize(context.getOperatorStateStore(), context.isRestored(), parallelism, maxParallelism);
        alarmsFloor = new WatermarkFloor("current-state-alarms-watermark");
        alarmsFloor.initialize(context.getOperatorStateStore(), context.isRestored(), parallelism, maxParallelism);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        readingsFloor.snapshot(readingsWatermark);
        alarmsFloor.snapshot(alarmsWatermark);
    }

    /** Called by {@link CurrentStateOperator} with every watermark its readings input receives. */
    void readingsWatermark(long watermark) {
        readingsWatermark = Math.max(readingsWatermark, watermark);
    }

    /** Called by {@link CurrentStateOperator} with every watermark its alarm-events input receives. */
    void alarmsWatermark(long watermark) {
        alarmsWatermark = Math.max(alarmsWatermark, watermark);
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
