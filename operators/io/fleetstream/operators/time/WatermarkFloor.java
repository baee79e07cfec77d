package io.fleetstream.operators.time;

import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The watermark an event-time operator had reached when its last checkpoint was taken, kept across a restore.
 *
 * <p>Flink does not checkpoint watermarks (FLINK-5601): after a restore every operator starts again from
 * {@code Long.MIN_VALUE} until the sources have emitted new ones. An operator that decides "late or not" by the
 * watermark would then take a reading that was late before the failure for an on-time one: a window purged before
 * the failure would open again, a model would score out of order. Such an operator asks {@link #apply} instead of
 * reading the watermark directly, and gets the larger of the live watermark and the one it had checkpointed.
 *
 * <p>Kept as (split) operator list state, one value per subtask, and restored as the smallest value a subtask gets
 * back: after a keyBy every subtask sees the same watermark, so any subtask's value is one all of them had passed.
 * Union state would give every subtask every value after a rescale, but Flink declines checkpoints of union state
 * once some subtasks of an operator have finished (the end of a bounded input), so a subtask that gets no value after
 * a scale-up starts with no floor. The operator's keyed state (what it already fired, per key) stays the exact
 * record; this floor covers the keys that had nothing fired yet.
 */
public final class WatermarkFloor {
    private final String name;
    private transient ListState<Long> state;
    private long floor = Long.MIN_VALUE;

    /** @param name the operator state's name: unique within the operator, stable across versions */
    public WatermarkFloor(String name) {
        this.name = name;
    }

    /** Call from the operator's {@code initializeState}. */
    public void initialize(OperatorStateStore store, boolean restored) throws Exception {
        state = store.getListState(new ListStateDescriptor<>(name, Types.LONG));
        floor = Long.MIN_VALUE;
        if (restored) {
            long min = Long.MAX_VALUE;
            boolean any = false;
            for (Long w : state.get()) {
                min = Math.min(min, w);
                any = true;
            }
            floor = any ? min : Long.MIN_VALUE;
        }
    }

    /** Call from the operator's {@code snapshotState}, with the watermark it has now. */
    public void snapshot(long currentWatermark) throws Exception {
        state.update(List.of(apply(currentWatermark)));
    }

    /** The watermark to decide by: the live one, never below what was reached before a restore. */
    public long apply(long currentWatermark) {
        return Math.max(floor, currentWatermark);
    }

    /** What was restored, {@code Long.MIN_VALUE} when nothing was. */
    public long restored() {
        return floor;
    }
}
