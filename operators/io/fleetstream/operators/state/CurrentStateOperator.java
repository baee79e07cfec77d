package io.fleetstream.operators.state;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.model.DeviceState;
import io.fleetstream.model.Reading;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * Runs {@link CurrentStateFunction} and tells it every watermark, so its checkpoint keeps the watermark it had
 * reached (a process function sees the watermark only while it handles an element or a timer).
 */
public final class CurrentStateOperator extends KeyedCoProcessOperator<String, Reading, AlarmEvent, DeviceState> {
    private static final long serialVersionUID = 1L;

    public CurrentStateOperator(CurrentStateFunction function) {
        super(function);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        ((CurrentStateFunction) userFunction).watermark(mark.getTimestamp());
        super.processWatermark(mark);
    }
}
