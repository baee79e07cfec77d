package io.fleetstream.operators.time;

import io.fleetstream.compat.FlinkLine;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * A keyed operator that decides by event time and keeps the watermark it had reached across a restore (a {@link
 * WatermarkFloor} in its operator state). Subclasses read the watermark through {@link #flooredWatermark}; the
 * floor is restored in {@code initializeState} and taken with every snapshot, so none of them can forget one half.
 */
public abstract class EventTimeOperator<OUT> extends AbstractStreamOperator<OUT> {
    private static final long serialVersionUID = 1L;

    private final String floorName;
    private transient WatermarkFloor floor;
    private transient long watermark;

    /** @param floorName the name of the floor's operator state: unique in the operator, stable across versions */
    protected EventTimeOperator(String floorName) {
        this.floorName = floorName;
        // chained to the device-keyed operator before it, as a process function would be
        FlinkLine.chainAlways(this);
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        floor = new WatermarkFloor(floorName);
        floor.initialize(context.getOperatorStateStore(), context.isRestored(),
                getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks(),
                getRuntimeContext().getTaskInfo().getMaxNumberOfParallelSubtasks());
        watermark = Long.MIN_VALUE;
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = Math.max(watermark, mark.getTimestamp());
        super.processWatermark(mark);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        floor.snapshot(watermark);
    }

    /** The watermark reached so far, never below the one reached before a restore. */
    protected final long flooredWatermark() {
        return floor.apply(watermark);
    }

    /** The watermark to decide by: {@code live}, never below the one reached before a restore. */
    protected final long flooredWatermark(long live) {
        return floor.apply(live);
    }
}
