package io.fleetstream.operators.time;

import io.fleetstream.model.Reading;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Gives each parsed reading its own event time as its record timestamp. The source stamped the raw record with
 * the earliest time in its payload, which is right for a single reading but not for each reading of an edge
 * bundle. Watermarks pass through unchanged (they come from the sources).
 */
public class EventTimeStamper extends AbstractStreamOperator<Reading> implements OneInputStreamOperator<Reading, Reading> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(StreamRecord<Reading> element) {
        output.collect(element.replace(element.getValue(), element.getValue().eventTime));
    }
}
