package io.fleetstream.operators.rollup;

import io.fleetstream.model.Rollup;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * The oracle's emitter: each firing of a window is the next revision, counted in per-window state that Flink
 * clears when it purges the window.
 */
class RollupEmitter extends ProcessWindowFunction<MetricStats, Rollup, String, TimeWindow> {
    private static final long serialVersionUID = 1L;

    private static final ValueStateDescriptor<Integer> REVISION =
            new ValueStateDescriptor<>("revision", Types.INT);

    private final String label;

    RollupEmitter(WindowSpec spec) {
        this.label = spec.label();
    }

    @Override
    public void process(String deviceId, Context ctx, Iterable<MetricStats> elements, Collector<Rollup> out)
            throws Exception {
        ValueState<Integer> revisionState = ctx.windowState().getState(REVISION);
        Integer previous = revisionState.value();
        int revision = previous == null ? 0 : previous + 1;
        revisionState.update(revision);
        TimeWindow w = ctx.window();
        for (MetricStats s : elements) {
            RollupRows.emit(deviceId, s, label, w.getStart(), w.getEnd(), revision, out::collect);
        }
    }

    @Override
    public void clear(Context ctx) {
        ctx.windowState().getState(REVISION).clear();
    }
}
