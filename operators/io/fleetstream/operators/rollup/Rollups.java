package io.fleetstream.operators.rollup;

import io.fleetstream.model.Reading;
import io.fleetstream.model.Rollup;
import java.time.Duration;
import javax.annotation.Nullable;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.OutputTag;

/** The rollup window of one {@link WindowSpec} over a device-keyed stream. */
public final class Rollups {
    private Rollups() {}

    /**
     * @param lateReadings where readings later than the allowed lateness go; null to drop them (Flink then counts
     *     them in its {@code numLateRecordsDropped} metric)
     */
    public static SingleOutputStreamOperator<Rollup> window(KeyedStream<Reading, String> byDevice, WindowSpec spec,
            Duration allowedLateness, @Nullable OutputTag<Reading> lateReadings) {
        WindowedStream<Reading, String, TimeWindow> w = byDevice.window(spec.assigner()).allowedLateness(allowedLateness);
        if (lateReadings != null) {
            w = w.sideOutputLateData(lateReadings);
        }
        return w.aggregate(new RollupAggregate(), new RollupEmitter(spec))
                .uid(spec.isTumbling() ? "rollup-tumbling" : "rollup-sliding")
                .name("rollup " + spec.label());
    }
}
