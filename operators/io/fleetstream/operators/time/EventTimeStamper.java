package io.fleetstream.operators.time;

import io.fleetstream.model.Reading;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Gives each parsed reading its own event time as its record timestamp, and ends a bounded input where a live run
 * would have stood.
 *
 * <p>The source stamped the raw record with the earliest time in its payload, which is right for a single reading
 * but not for each reading of an edge bundle.
 *
 * <p>At the end of a bounded input the source's watermark jumps to {@code Long.MAX_VALUE}, which would fire every
 * deadline and window, including those a live run reading the same data would not have reached: what fired would
 * depend on whether a periodic watermark happened to pass them during the read. So the end-of-input watermark is
 * replaced by the one the source's bounded-out-of-orderness generator emits once it has seen every record,
 * {@code newest - outOfOrderness - 1}, and the output is then marked idle. Downstream, Flink's watermark valve takes
 * the maximum over its channels once all are idle, so every event-time operator ends at the newest time of the
 * whole input less the out-of-orderness, whatever the read speed and the parallelism. "Newest" is the newest record
 * timestamp the source assigned (what its watermark generator saw, not the later readings of a bundle), kept in
 * operator state so a restored job ends where an uninterrupted one would.
 *
 * <p>Watermarks and idleness from the source pass through unchanged before that.
 */
public class EventTimeStamper extends AbstractStreamOperator<Reading> implements OneInputStreamOperator<Reading, Reading> {
    private static final long serialVersionUID = 1L;

    private final long outOfOrdernessMillis;

    private transient ListState<Long> newestState;
    private transient long newest;
    private transient long emitted;
    private transient boolean idle;

    /** @param outOfOrdernessMillis the sources' {@code watermark.out-of-orderness} */
    public EventTimeStamper(long outOfOrdernessMillis) {
        if (outOfOrdernessMillis < 0) {
            throw new IllegalArgumentException("out-of-orderness must not be negative");
        }
        this.outOfOrdernessMillis = outOfOrdernessMillis;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        // Split (not union) list state: Flink refuses checkpoints of a union state once some subtasks finished,
        // which a bounded input's subtasks do one by one. After a rescale each value lands on some subtask, and the
        // valves downstream end at the maximum over subtasks, so the newest time of all of them is kept.
        newestState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("newest-event-time", Types.LONG));
        newest = Long.MIN_VALUE;
        emitted = Long.MIN_VALUE;
        idle = false;
        if (context.isRestored()) {
            for (Long t : newestState.get()) {
                newest = Math.max(newest, t);
            }
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        newestState.update(List.of(newest));
    }

    @Override
    public void processElement(StreamRecord<Reading> element) {
        if (element.hasTimestamp() && element.getTimestamp() > newest) {
            newest = element.getTimestamp();
        }
        output.collect(element.replace(element.getValue(), element.getValue().eventTime));
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() != Long.MAX_VALUE) {
            emitted = Math.max(emitted, mark.getTimestamp());
            super.processWatermark(mark);
            return;
        }
        long last = newest == Long.MIN_VALUE ? Long.MIN_VALUE : newest - outOfOrdernessMillis - 1;
        if (last > emitted) {
            if (idle) {
                // An idle output drops watermarks: announce activity for the one that is due.
                output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
            }
            emitted = last;
            super.processWatermark(new Watermark(last));
        }
        idle = true;
        output.emitWatermarkStatus(WatermarkStatus.IDLE);
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        idle = status.isIdle();
        super.processWatermarkStatus(status);
    }
}
