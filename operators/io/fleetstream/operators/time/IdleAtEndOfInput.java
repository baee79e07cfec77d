package io.fleetstream.operators.time;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Turns the end-of-input watermark of a side stream (the alarm commands) into idleness. A bounded command stream
 * that ended would otherwise hold {@code Long.MAX_VALUE} at the operator it joins, and a two-input operator takes
 * the minimum over its active inputs only: once the readings' input went idle at their own end
 * ({@link EventTimeStamper}), every deadline would fire. Idle, the side stream leaves the end to the readings.
 */
public class IdleAtEndOfInput<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(StreamRecord<T> element) {
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            output.emitWatermarkStatus(WatermarkStatus.IDLE);
        } else {
            super.processWatermark(mark);
        }
    }
}
