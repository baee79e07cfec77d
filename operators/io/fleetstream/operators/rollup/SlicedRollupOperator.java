package io.fleetstream.operators.rollup;

import io.fleetstream.model.Reading;
import io.fleetstream.operators.time.EventTimeOperator;
import io.fleetstream.model.Rollup;
import io.fleetstream.operators.time.WatermarkFloor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import javax.annotation.Nullable;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * The tumbling and the sliding rollups of each device from one accumulator per slice ({@link Slicing}), the way
 * Flink SQL's slicing window operators work: a reading costs one state read and one write, where a window
 * operator per window kind touched every window holding the reading (1 + size/slide of them) and registered two
 * timers for each. A window is computed when it fires, by merging its slices.
 *
 * <p>What it emits is what Flink's {@code WindowOperator} with an {@code EventTimeTrigger} and allowed lateness
 * emits, window by window: a window fires when the watermark reaches its {@code maxTimestamp} if it holds a
 * reading (revision 0), fires again with the next revision for each reading added later (the trigger fires on
 * every element of a window whose time has passed), and is late, skipping the reading, once
 * {@code maxTimestamp + allowedLateness <= watermark}. A reading goes to the late output when its window of the
 * first kind (the tumbling one) is late. Values computed from merged slices are equal to a window accumulator's up
 * to floating-point rounding of the sum, mean and deviation (the sums are associated differently). Within one
 * watermark, windows that fire together may come out in another order than the window operators'.
 *
 * <p>Why a custom operator and not a {@code KeyedProcessFunction}: rows go out with the window's
 * {@code maxTimestamp} as their record timestamp, as the window operator's did, whatever triggered the firing; the
 * timer service is used directly; and the watermark floor is operator state, snapshot alongside the keyed state.
 *
 * <p>State per device: the slices (slice end to {@link Slice}) and, per window kind, the revision last emitted
 * per window start, only for windows that late readings fired again (a window's first firing is revision 0 and
 * needs no record). A slice is purged when the last window holding it reaches its cleanup time, with the revisions
 * of those windows if one of its readings fired them again; a device without slices has no state left. Timers:
 * one per device at each time where one of its windows fires or one of its slices is purged, so at most one per
 * slice of event time when the lateness is whole slices (as by default), two otherwise; each registers the next.
 *
 * <p>Across a restore, Flink starts the watermark again from {@code Long.MIN_VALUE}: lateness and "already fired"
 * are decided by the {@link WatermarkFloor} instead, so a reading late before the restore is late after it,
 * revisions continue from the keyed state, and a purged window never opens again. Windows purged from keyed state
 * need no per-device record: the floor is at least the watermark that purged them, since after a keyBy every
 * subtask has the same watermark when an aligned checkpoint is taken (the floor restores the smallest of them).
 */
public class SlicedRollupOperator extends EventTimeOperator<Rollup>
        implements OneInputStreamOperator<Reading, Rollup>, Triggerable<String, VoidNamespace> {
    private static final long serialVersionUID = 1L;

    private final Slicing slicing;
    private final String[] labels;
    @Nullable private final OutputTag<Reading> lateReadings;

    private transient InternalTimerService<VoidNamespace> timers;
    private transient MapState<Long, Slice> slices;
    private transient MapState<Long, Integer>[] revisions;
    private transient StreamRecord<Rollup> record;
    private transient Counter lateDropped;

    /**
     * @param windows the window kinds; the first one decides which readings are late
     * @param lateReadings where readings go whose first window is late; null to drop them
     */
    public SlicedRollupOperator(List<WindowSpec> windows, Duration allowedLateness,
            @Nullable OutputTag<Reading> lateReadings) {
        super("rollup-watermark");
        this.slicing = new Slicing(windows, allowedLateness);
        this.labels = windows.stream().map(WindowSpec::label).toArray(String[]::new);
        this.lateReadings = lateReadings;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void open() throws Exception {
        super.open();
        timers = getInternalTimerService("rollup-slices", VoidNamespaceSerializer.INSTANCE, this);
        slices = getKeyedStateStore().getMapState(
                new MapStateDescriptor<>("slices", Types.LONG, TypeInformation.of(Slice.class)));
        revisions = new MapState[labels.length];
        for (int k = 0; k < labels.length; k++) {
            // by position, not by label: the window kinds keep their state when a size is reconfigured
            revisions[k] = getKeyedStateStore().getMapState(
                    new MapStateDescriptor<>("revisions-" + k, Types.LONG, Types.INT));
        }
        record = new StreamRecord<>(null);
        lateDropped = getMetricGroup().counter("numLateRecordsDropped");
    }

    @Override
    public void processElement(StreamRecord<Reading> element) throws Exception {
        // The record's timestamp, not the reading's, places it: Flink's window assigners do the same.
        if (!element.hasTimestamp()) {
            throw new IllegalStateException("a reading without a record timestamp: rollups need event time");
        }
        long sliceEnd = slicing.sliceEnd(element.getTimestamp());
        long watermark = flooredWatermark(timers.currentWatermark());
        if (lateReadings != null && slicing.isLate(0, slicing.lastStart(0, sliceEnd), watermark)) {
            output.collect(lateReadings, element);
        }
        if (slicing.purgeTime(sliceEnd) <= watermark) {
            lateDropped.inc();
            return;
        }
        Slice slice = slices.get(sliceEnd);
        boolean opened = slice == null;
        if (opened) {
            slice = new Slice();
        }
        slice.add(element.getValue());
        if (opened) {
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, slicing.nextTimer(sliceEnd, watermark));
        }
        // A window that already fired and is not late fires again for each reading it gets.
        NavigableMap<Long, Slice> all = null;
        for (int k = 0; k < labels.length; k++) {
            for (long start = slicing.firstStart(k, sliceEnd); start <= slicing.lastStart(k, sliceEnd)
                    && slicing.maxTimestamp(k, start) <= watermark; start += slicing.slide(k)) {
                if (!slicing.isLate(k, start, watermark)) {
                    if (all == null) {
                        all = loadSlices();
                        all.put(sliceEnd, slice);
                    }
                    slice.refired |= fireAgain(k, start, all, !opened || holdsAnotherSlice(k, start, all));
                }
            }
        }
        slices.put(sliceEnd, slice);
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        long time = timer.getTimestamp();
        NavigableMap<Long, Slice> all = loadSlices();
        for (int k = 0; k < labels.length; k++) {
            long start = slicing.startFiringAt(k, time);
            if (start != Long.MIN_VALUE && !window(k, start, all).isEmpty()) {
                // the first firing: a reading that arrived later fired the window on arrival, after this
                emit(k, start, all, 0);
            }
        }
        long next = Long.MAX_VALUE;
        boolean left = false;
        for (Map.Entry<Long, Slice> e : all.entrySet()) {
            if (slicing.purgeTime(e.getKey()) <= time) {
                purge(e.getKey(), e.getValue());
            } else {
                next = Math.min(next, slicing.nextTimer(e.getKey(), time));
                left = true;
            }
        }
        if (left) {
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, next);
        }
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {}

    /**
     * Fires a window again for a reading it just got. Revision 0 is never stored (a window holding a reading
     * fired once by the time the watermark passed it), so a window fired before is at revision 1 or what is stored.
     *
     * @return whether a revision was stored
     */
    private boolean fireAgain(int k, long start, NavigableMap<Long, Slice> all, boolean firedBefore)
            throws Exception {
        int revision = 0;
        if (firedBefore) {
            Integer stored = revisions[k].get(start);
            revision = stored == null ? 1 : stored + 1;
            revisions[k].put(start, revision);
        }
        emit(k, start, all, revision);
        return firedBefore;
    }

    /** Whether the window held a reading before the one just added to the slice. */
    private boolean holdsAnotherSlice(int k, long start, NavigableMap<Long, Slice> all) {
        return window(k, start, all).size() > 1;
    }

    private NavigableMap<Long, Slice> window(int k, long start, NavigableMap<Long, Slice> all) {
        return all.subMap(start, false, start + slicing.size(k), true);
    }

    private void emit(int k, long start, NavigableMap<Long, Slice> all, int revision) {
        MetricStats window = new MetricStats();
        for (MetricStats part : window(k, start, all).values()) {
            window.merge(part);
        }
        long maxTimestamp = slicing.maxTimestamp(k, start);
        RollupRows.emit((String) getCurrentKey(), window, labels[k], start, start + slicing.size(k), revision,
                row -> output.collect(record.replace(row, maxTimestamp)));
    }

    /**
     * Every window holding the slice is past its cleanup time; the revisions of those windows can only be in
     * state if a reading in this slice (or in another slice of theirs, purged or to be purged no earlier than
     * their cleanup either) re-fired them.
     */
    private void purge(long sliceEnd, Slice slice) throws Exception {
        slices.remove(sliceEnd);
        if (!slice.refired) {
            return;
        }
        for (int k = 0; k < labels.length; k++) {
            for (long start = slicing.firstStart(k, sliceEnd); start <= slicing.lastStart(k, sliceEnd);
                    start += slicing.slide(k)) {
                revisions[k].remove(start);
            }
        }
    }

    private NavigableMap<Long, Slice> loadSlices() throws Exception {
        NavigableMap<Long, Slice> all = new TreeMap<>();
        for (Map.Entry<Long, Slice> e : slices.entries()) {
            all.put(e.getKey(), e.getValue());
        }
        return all;
    }
}
