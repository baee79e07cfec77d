package io.fleetstream.operators.alarm.fleet;

import static io.fleetstream.operators.alarm.RuleState.NONE;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.operators.alarm.rules.Fleet;
import io.fleetstream.operators.internal.CachedValueState;
import io.fleetstream.operators.internal.KeyedBuffer;
import io.fleetstream.operators.time.EventTimeOperator;
import java.util.Comparator;
import java.util.List;
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
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Decides the {@code fleet} rules (keyed by device group) from the per-device alarm events of the rules they count
 * and, for share rules, the devices' notes that they reported ({@link #SEEN}, from the alarm operator), and emits
 * one alarm per group and rule with the lifecycle, ids and states of the per-device alarms: RAISED and CLEARED, and
 * from operators' commands on the group (no device; routed here by group) ACKNOWLEDGED, SHELVED and CLEARED by a
 * reset, applied as the alarm engine applies a device's ({@code Commands}).
 *
 * <p>The per-device events it counts pass through it on their way out: each goes out once the group has decided at
 * its event time, with a note naming the group's fleet alarm when one is active then ("covered"). What went out
 * before a fleet alarm was raised stays as it was: the devices whose alarms raised it went out uncovered, save the
 * one whose alarm raised it at that instant; the fleet alarm's values name them all.
 *
 * <p>Event time as the alarm operator: inputs wait until the (floored) watermark passes them and are applied in
 * event-time order, all inputs of one instant before the group decides at it; deadlines (clear-for, a device's seen
 * minute leaving the window) fire at their event time through one timer per group. The alarm operator emits its
 * events before the watermark that released them, so they are never behind this operator's watermark but for those
 * of readings it still took behind its own (late within a device's order): those apply at the group's clock, since a
 * per-device transition dropped would leave a device counted as active for good. A {@code Long.MAX_VALUE} watermark
 * (past where a live run would stand) decides nothing; what still waits at the end of the input goes out at {@link
 * #finish} unchanged but for its note. Commands wait for the watermark like the other inputs and apply after the
 * devices' inputs of their instant; one behind the group's clock applies at it, as a device's late command does.
 *
 * <p>State per group: one {@link GroupFleet} (cached decoded on RocksDB, as the alarm operator's devices) and the
 * inputs waiting for the watermark; nothing once the group has no alarm, no shelved rule, no active device and no
 * device seen. Its layout is that of uid {@code fleet-alarms-v2} (commands: the shelf and acknowledgement per rule,
 * commands among the waiting inputs).
 */
public class FleetOperator extends EventTimeOperator<AlarmEvent>
        implements OneInputStreamOperator<FleetInput, AlarmEvent>, Triggerable<String, VoidNamespace> {
    private static final long serialVersionUID = 1L;

    /** The alarm operator's side output: a device's first reading in each minute, for groups with share rules. */
    public static final OutputTag<FleetInput> SEEN = new OutputTag<FleetInput>("devices-seen") {};

    /**
     * Event-time order; by device within an instant, each device's own events in the order they came; an instant's
     * commands (no device) last, in the order they came.
     */
    private static final Comparator<FleetInput> ORDER = Comparator.comparingLong((FleetInput in) -> in.eventTime)
            .thenComparing(in -> in.deviceId, Comparator.nullsLast(Comparator.<String>naturalOrder()));

    private final List<Fleet> fleets;
    private final int cacheMaxGroups;

    private transient FleetEngine engine;
    private transient CachedValueState<GroupFleet> groups;
    private transient ListState<FleetInput> pendingState;
    private transient KeyedBuffer<FleetInput> pending;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient Consumer<AlarmEvent> emit;
    private transient Counter ignoredCommands;

    /** @param cacheMaxGroups groups whose decoded state a subtask keeps on the heap (RocksDB only) */
    public FleetOperator(List<Fleet> fleets, int cacheMaxGroups) {
        super("fleet-alarms-watermark");
        if (fleets.isEmpty()) {
            throw new IllegalArgumentException("no fleet rules");
        }
        this.fleets = List.copyOf(fleets);
        this.cacheMaxGroups = cacheMaxGroups;
    }

    /** Whether any of {@code fleets} counts the per-device event: only those take the way through this operator. */
    public static boolean counts(List<Fleet> fleets, AlarmEvent e) {
        for (Fleet f : fleets) {
            if (f.of.equals(e.rule) && f.appliesTo(e.deviceGroup)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any of {@code fleets} of the group is a share rule, which needs to know the devices that reported. */
    public static boolean needsSeen(List<Fleet> fleets, String deviceGroup) {
        for (Fleet f : fleets) {
            if (f.byShare() && f.appliesTo(deviceGroup)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void open() throws Exception {
        super.open();
        engine = new FleetEngine(fleets);
        groups = new CachedValueState<>(this, getPartitionedState(
                new ValueStateDescriptor<>("groups", TypeInformation.of(GroupFleet.class))),
                () -> cacheMaxGroups, g -> 1);
        ListStateDescriptor<FleetInput> pendingDescriptor =
                new ListStateDescriptor<>("pending", TypeInformation.of(FleetInput.class));
        pendingState = getPartitionedState(pendingDescriptor);
        pending = new KeyedBuffer<>(in -> in.eventTime, ORDER);
        pending.restore(getKeyedStateBackend(), pendingDescriptor);
        timers = getInternalTimerService("fleet-deadlines", VoidNamespaceSerializer.INSTANCE, this);
        getRuntimeContext().getMetricGroup().gauge("fleet.pending-inputs", () -> pending.size());
        ignoredCommands = getRuntimeContext().getMetricGroup().counter("fleet.commands-ignored");
        emit = e -> output.collect(new StreamRecord<>(e, e.eventTime));
    }

    @Override
    public void processElement(StreamRecord<FleetInput> element) {
        pending.add((String) getCurrentKey(), element.getValue());
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            return;
        }
        long upTo = flooredWatermark(mark.getTimestamp());
        pending.drain(upTo, (key, due, more) -> apply(key, due, more, upTo));
        super.processWatermark(mark);
    }

    private void apply(String key, List<FleetInput> due, boolean more, long upTo) throws Exception {
        setCurrentKey(key);
        GroupFleet g = engine.align(groups.get(key), key);
        ignoredCommands.inc(engine.apply(g, due, upTo, emit));
        keepOrForget(key, g, more);
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        String key = timer.getKey();
        GroupFleet g = groups.get(key);
        if (g == null || g.timer != timer.getTimestamp()) {
            return;
        }
        g.timer = NONE;
        g = engine.align(g, key);
        engine.advanceTo(g, flooredWatermark(timers.currentWatermark()), emit);
        keepOrForget(key, g, pending.has(key));
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {}

    /**
     * Keeps the group with a timer at its next deadline, or drops it when it holds nothing and no input of it
     * waits ({@code waiting}; while the buffer drains the key's inputs it still has them, so the caller says).
     */
    private void keepOrForget(String key, GroupFleet g, boolean waiting) throws Exception {
        long next = engine.nextDeadline(g);
        if (g.timer != NONE && g.timer != next) {
            timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, g.timer);
            g.timer = NONE;
        }
        if (engine.idle(g) && !waiting) {
            groups.clear(key);
            return;
        }
        if (next != NONE && g.timer == NONE) {
            g.timer = next;
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, next);
        }
        groups.changed(key, g);
    }

    /**
     * The end of a bounded input: inputs the last watermark did not reach decide nothing (a live run had not got
     * there either), but the per-device events among them still go out, noted as their group stands.
     */
    @Override
    public void finish() throws Exception {
        pending.drain(Long.MAX_VALUE, (key, due, more) -> {
            setCurrentKey(key);
            GroupFleet g = engine.align(groups.get(key), key);
            for (FleetInput in : due) {
                if (in.alarm != null) {
                    emit.accept(FleetEvents.covered(in.alarm, engine.forGroup(key), g.rules));
                }
            }
        });
        super.finish();
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        groups.flush();
        pending.flush(pendingState, this::setCurrentKey);
    }
}
