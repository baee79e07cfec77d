package io.fleetstream.operators.alarm.sequence;

import static io.fleetstream.operators.alarm.RuleState.NONE;

import io.fleetstream.model.Reading;
import io.fleetstream.operators.alarm.rules.Condition;
import io.fleetstream.operators.alarm.rules.Sequence;
import io.fleetstream.operators.internal.CachedValueState;
import io.fleetstream.operators.internal.KeyedBuffer;
import io.fleetstream.operators.time.EventTimeOperator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Feeds the sequence rules' CEP patterns (keyed by device, before them): readings in event-time order, each as the
 * steps its metrics' last known values meet.
 *
 * <p>Why not the readings themselves. "Last known value" needs the readings in order, and CEP only sorts what it
 * buffers; so readings wait here until the watermark passes them, like the alarm operator's, and go out in order,
 * each just before the watermark that released it. CEP then finds them on time, in the same order. A reading that
 * meets no step of a rule is not sent to that rule: it can neither advance nor break a partial match, and CEP
 * would read and write its state for it all the same.
 *
 * <p>Late readings. CEP's own watermark starts from nothing after a restore (FLINK-5601), so it would take a
 * reading that was late before the failure; here "late" is decided against the floored watermark ({@link
 * EventTimeOperator}) and such readings stop here (counted, {@code sequences.late-readings}).
 *
 * <p>The end of a bounded input. The event-time stamper caps the final watermark where a live run would stand; a
 * {@code Long.MAX_VALUE} watermark that reached this operator anyway is not passed on, so CEP never ends an absent
 * step's window beyond that point.
 *
 * <p>State per device: the last values of the metrics sequence rules read, and one event-time timer that forgets
 * them once the device has been silent for the alarms' device TTL; readings waiting for the watermark (heap, and
 * keyed state before each barrier, as the alarm operator's).
 */
public class SequenceFeed extends EventTimeOperator<SequenceStep>
        implements OneInputStreamOperator<Reading, SequenceStep>, Triggerable<String, VoidNamespace> {
    private static final long serialVersionUID = 1L;
    private static final Comparator<Reading> BY_TIME = Comparator.comparingLong(r -> r.eventTime);

    private final List<Sequence> sequences;
    private final long deviceTtlMillis;
    private final int cacheMaxDevices;
    /** Every metric some sequence reads. */
    private final Set<String> used = new HashSet<>();

    private transient Map<String, List<Sequence>> byGroup;
    private transient CachedValueState<DeviceValues> devices;
    private transient ListState<Reading> pendingState;
    private transient KeyedBuffer<Reading> pending;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient Counter late;

    /**
     * @param deviceTtlMillis a device silent this long is forgotten (the alarms' device TTL)
     * @param cacheMaxDevices devices whose decoded values a subtask keeps on the heap (RocksDB only)
     */
    public SequenceFeed(List<Sequence> sequences, long deviceTtlMillis, int cacheMaxDevices) {
        super("sequence-feed-watermark");
        if (deviceTtlMillis <= 0) {
            throw new IllegalArgumentException("device TTL must be positive");
        }
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("no sequence rules to feed");
        }
        this.sequences = List.copyOf(sequences);
        this.deviceTtlMillis = deviceTtlMillis;
        this.cacheMaxDevices = cacheMaxDevices;
        for (Sequence s : sequences) {
            for (Condition c : s.steps) {
                used.add(c.signal.metric);
            }
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        byGroup = new HashMap<>();
        devices = new CachedValueState<>(this, getPartitionedState(
                new ValueStateDescriptor<>("values", TypeInformation.of(DeviceValues.class))),
                () -> cacheMaxDevices, d -> 1);
        ListStateDescriptor<Reading> pendingDescriptor =
                new ListStateDescriptor<>("pending", TypeInformation.of(Reading.class));
        pendingState = getPartitionedState(pendingDescriptor);
        pending = new KeyedBuffer<>(r -> r.eventTime, BY_TIME);
        pending.restore(getKeyedStateBackend(), pendingDescriptor);
        timers = getInternalTimerService("sequence-expiry", VoidNamespaceSerializer.INSTANCE, this);
        late = getRuntimeContext().getMetricGroup().counter("sequences.late-readings");
        getRuntimeContext().getMetricGroup().gauge("sequences.pending-readings", () -> pending.size());
    }

    private List<Sequence> forGroup(String group) {
        return byGroup.computeIfAbsent(group, g -> {
            List<Sequence> matching = new ArrayList<>();
            for (Sequence s : sequences) {
                if (s.appliesTo(g)) {
                    matching.add(s);
                }
            }
            return matching;
        });
    }

    @Override
    public void processElement(StreamRecord<Reading> element) {
        Reading r = element.getValue();
        if (forGroup(r.deviceGroup).isEmpty()) {
            return;
        }
        if (r.eventTime <= flooredWatermark()) {
            late.inc();
            return;
        }
        pending.add((String) getCurrentKey(), r);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            // Past where a live run would stand (see the class comment): nothing is released, nothing passed on.
            return;
        }
        long upTo = flooredWatermark(mark.getTimestamp());
        pending.drain(upTo, (key, due, more) -> release(key, due));
        super.processWatermark(mark);
    }

    /** Sends a device's due readings in order, each as the steps it meets, and keeps the values they leave. */
    private void release(String key, List<Reading> due) throws Exception {
        setCurrentKey(key);
        DeviceValues d = devices.get(key);
        if (d == null) {
            d = new DeviceValues();
        }
        for (Reading r : due) {
            for (int i = 0; i < r.metrics.length; i++) {
                if (used.contains(r.metrics[i])) {
                    d.set(r.metrics[i], r.values[i]);
                }
            }
            d.lastSeen = Math.max(d.lastSeen, r.eventTime);
            for (Sequence s : forGroup(r.deviceGroup)) {
                emit(r, s, d);
            }
        }
        if (d.timer == NONE) {
            d.timer = d.lastSeen + deviceTtlMillis;
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, d.timer);
        }
        devices.changed(key, d);
    }

    private void emit(Reading r, Sequence s, DeviceValues d) {
        int holds = 0;
        double[] values = new double[s.steps.size()];
        for (int i = 0; i < values.length; i++) {
            Condition step = s.steps.get(i);
            values[i] = d.get(step.signal.metric);
            if (step.test(values[i])) {
                holds |= 1 << i;
            }
        }
        if (holds != 0) {
            output.collect(new StreamRecord<>(new SequenceStep(r.deviceId, s.rule, r.eventTime, holds, values),
                    r.eventTime));
        }
    }

    /** The device's expiry: forgotten if silent since, else the timer moves to its new expiry. */
    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        String key = timer.getKey();
        DeviceValues d = devices.get(key);
        if (d == null || d.timer != timer.getTimestamp()) {
            return;
        }
        if (d.lastSeen + deviceTtlMillis <= timer.getTimestamp()) {
            devices.clear(key);
            return;
        }
        d.timer = d.lastSeen + deviceTtlMillis;
        timers.registerEventTimeTimer(VoidNamespace.INSTANCE, d.timer);
        devices.changed(key, d);
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {}

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        devices.flush();
        pending.flush(pendingState, this::setCurrentKey);
    }
}
