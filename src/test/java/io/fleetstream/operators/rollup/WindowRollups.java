package io.fleetstream.operators.rollup;

import io.fleetstream.model.Reading;
import io.fleetstream.model.Rollup;
import java.time.Duration;
import javax.annotation.Nullable;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.OutputTag;

/**
 * The oracle: the rollups as the pipeline built them before slicing, one Flink window operator per
 * {@link WindowSpec}. Tests hold {@link SlicedRollupOperator} to exactly what these emit.
 */
final class WindowRollups {
    private WindowRollups() {}

    /** @param lateReadings where readings later than the allowed lateness go; null to drop them */
    static SingleOutputStreamOperator<Rollup> window(KeyedStream<Reading, String> byDevice, WindowSpec spec,
            Duration allowedLateness, @Nullable OutputTag<Reading> lateReadings) {
        WindowedStream<Reading, String, TimeWindow> w = byDevice.window(assigner(spec)).allowedLateness(allowedLateness);
        if (lateReadings != null) {
            w = w.sideOutputLateData(lateReadings);
        }
        return w.aggregate(new RollupAggregate(), new RollupEmitter(spec))
                .uid(spec.isTumbling() ? "rollup-tumbling" : "rollup-sliding")
                .name("rollup " + spec.label());
    }

    private static WindowAssigner<Object, TimeWindow> assigner(WindowSpec spec) {
        return spec.isTumbling() ? TumblingEventTimeWindows.of(spec.size())
                : SlidingEventTimeWindows.of(spec.size(), spec.slide());
    }
}
