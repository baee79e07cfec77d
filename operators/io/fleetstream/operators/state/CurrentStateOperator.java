package io.fleetstream.operators.state;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.model.DeviceState;
import io.fleetstream.model.Reading;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * Runs {@link CurrentStateFunction} and tells it each input's watermark: it decides by them what is due when, and its
 * checkpoint keeps them (a process function sees only the operator's watermark, the smaller of the two).
 */
public final class CurrentStateOperator extends KeyedCoProcessOperator<String, Reading, AlarmEvent, DeviceState> {
    private static final long serialVersionUID = 1L;

    public CurrentStateOperator(CurrentStateFunction function) {
        super(function);
    }

    @Override
    public void processWatermark1(Watermark mark) throws Exception {
        ((CurrentStateFunction) userFunction).readingsWatermark(mark.getTimestamp());
        super.processWatermark1(mark);
    }

    @Override
    public void processWatermark2(Watermark mark) throws Exception {
        ((CurrentStateFunction) userFunction).alarmsWatermark(mark.getTimestamp());
        super.processWatermark2(mark);
    }
}
