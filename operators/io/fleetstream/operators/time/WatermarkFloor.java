package io.fleetstream.operators.time;

import java.util.Collections;
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
 * <p>Kept as (split) operator list state and restored as the smallest value a subtask gets back: after a keyBy
 * every subtask sees the same watermark, so any subtask's value is one all of them had passed. On a rescale Flink
 * puts the subtasks' lists end to end and deals them out in contiguous runs, at least {@code total / newParallelism}
 * values to each new subtask ({@code RoundRobinOperatorStateRepartitioner}). With one value per subtask, the
 * subtasks past the old parallelism would get none after a scale-up; so each subtask writes its value
 * {@code ceil(maxParallelism / parallelism)} times: together at least the max parallelism, which no rescale
 * exceeds, so every new subtask gets at least one copy. That costs about {@code maxParallelism} longs per operator
 * and checkpoint (1 KiB at Flink's default of 128), whatever the parallelism. Two cases start a subtask without a
 * floor once: a checkpoint taken after some subtasks had finished (end of a bounded input) and restored at a higher
 * parallelism, and a checkpoint taken before the copies (one value per subtask) restored at a higher parallelism;
 * such a subtask writes copies from its first checkpoint on.
 *
 * <p>Copies rather than union state (which hands every value to every subtask): Flink declines checkpoints of union
 * state once some subtasks of an operator have finished, at the end of a bounded input, which our jobs reach. The
 * operator's keyed state (what it already fired, per key) stays the exact record; this floor covers the keys that
 * had nothing fired yet.
 */
public final class WatermarkFloor {
    private final String name;
    private transient ListState<Long> state;
    private transient int copies;
    private long floor = Long.MIN_VALUE;

    /** @param name the operator state's name: unique within the operator, stable across versions */
    public WatermarkFloor(String name) {
        this.name = name;
    }

    /**
     * Call from the operator's {@code initializeState}.
     *
     * @param parallelism the operator's parallelism now
     * @param maxParallelism the operator's max parallelism (its number of key groups): the highest parallelism a
     *     restore can give it, so the number of copies, all subtasks together, that reaches every new subtask
     */
    public void initialize(OperatorStateStore store, boolean restored, int parallelism, int maxParallelism)
            throws Exception {
        if (parallelism < 1 || maxParallelism < parallelism) {
            throw new IllegalArgumentException("parallelism " + parallelism + " and max parallelism "
                    + maxParallelism + ": need 1 <= parallelism <= max parallelism");
        }
        copies = (maxParallelism + parallelism - 1) / parallelism;
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
        state.update(Collections.nCopies(copies, apply(currentWatermark)));
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
