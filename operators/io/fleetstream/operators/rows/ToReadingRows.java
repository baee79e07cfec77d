package io.fleetstream.operators.rows;

import io.fleetstream.model.Reading;
import io.fleetstream.model.ReadingRow;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** A reading as rows of the lake's long-format tables: one per metric. */
public class ToReadingRows implements FlatMapFunction<Reading, ReadingRow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(Reading r, Collector<ReadingRow> out) {
        for (int i = 0; i < r.metrics.length; i++) {
            out.collect(new ReadingRow(r.deviceId, r.deviceGroup, r.eventTime, r.metrics[i], r.values[i], r.seq));
        }
    }
}
