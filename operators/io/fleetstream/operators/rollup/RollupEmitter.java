package io.fleetstream.operators.rollup;

import io.fleetstream.model.Rollup;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Emits one rollup row per metric each time a window fires. The first firing is revision 0; each re-firing caused
 * by late data (within the allowed lateness) is the next revision, so readers keep the highest one per key. The
 * revision counter is per-window state, cleared when Flink purges the window.
 */
public class RollupEmitter extends ProcessWindowFunction<MetricStats, Rollup, String, TimeWindow> {
    private static final long serialVersionUID = 1L;

    private static final ValueStateDescriptor<Integer> REVISION =
            new ValueStateDescriptor<>("revision", Types.INT);

    private final String label;

    public RollupEmitter(WindowSpec spec) {
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
            for (int i = 0; i < s.size(); i++) {
                Rollup r = new Rollup();
                r.deviceId = deviceId;
                r.deviceGroup = s.deviceGroup;
                r.metric = s.metrics[i];
                r.windowSpec = label;
                r.windowStart = w.getStart();
                r.windowEnd = w.getEnd();
                r.count = s.count[i];
                r.min = s.min[i];
                r.max = s.max[i];
                r.sum = s.sum[i];
                r.mean = s.mean[i];
                r.stddev = s.stddev(i);
                r.first = s.first[i];
                r.last = s.last[i];
                r.revision = revision;
                out.collect(r);
            }
        }
    }

    @Override
    public void clear(Context ctx) {
        ctx.windowState().getState(REVISION).clear();
    }
}
