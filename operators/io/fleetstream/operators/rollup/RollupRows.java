package io.fleetstream.operators.rollup;

import io.fleetstream.model.Rollup;
import java.util.function.Consumer;

/** The rows of one firing of one window: one per metric, all with the firing's revision. */
final class RollupRows {
    private RollupRows() {}

    static void emit(String deviceId, MetricStats s, String label, long windowStart, long windowEnd, int revision,
            Consumer<Rollup> out) {
        for (int i = 0; i < s.size(); i++) {
            Rollup r = new Rollup();
            r.deviceId = deviceId;
            r.deviceGroup = s.deviceGroup;
            r.metric = s.metrics[i];
            r.windowSpec = label;
            r.windowStart = windowStart;
            r.windowEnd = windowEnd;
            r.count = s.count[i];
            r.min = s.min[i];
            r.max = s.max[i];
            r.sum = s.sum[i];
            r.mean = s.mean[i];
            r.stddev = s.stddev(i);
            r.first = s.first[i];
            r.last = s.last[i];
            r.revision = revision;
            out.accept(r);
        }
    }
}
