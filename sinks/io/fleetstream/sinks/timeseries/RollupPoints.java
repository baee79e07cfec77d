package io.fleetstream.sinks.timeseries;

import io.fleetstream.model.Rollup;

/**
 * A rollup as a point of measurement {@code rollups}: tags {@code device_id}, {@code device_group}, {@code metric},
 * {@code window_spec}; fields {@code count} and {@code revision} (integers), {@code min}, {@code max}, {@code sum},
 * {@code mean}, {@code stddev} (left out when null), {@code first}, {@code last}; time: the window's start. A window
 * written again (a retry, a replay, a new revision after late data) lands on the same series and time, so the store
 * overwrites it instead of adding a point.
 */
public final class RollupPoints implements PointWriter<Rollup> {
    private static final long serialVersionUID = 1L;

    private final String measurement;

    public RollupPoints() {
        this("rollups");
    }

    public RollupPoints(String measurement) {
        this.measurement = measurement;
    }

    @Override
    public void write(Rollup r, Point point) {
        point.measurement(measurement)
                .tag("device_id", r.deviceId)
                .tag("device_group", r.deviceGroup)
                .tag("metric", r.metric)
                .tag("window_spec", r.windowSpec)
                .field("count", r.count)
                .field("min", r.min)
                .field("max", r.max)
                .field("sum", r.sum)
                .field("mean", r.mean);
        if (r.stddev != null) {
            point.field("stddev", r.stddev.doubleValue());
        }
        point.field("first", r.first)
                .field("last", r.last)
                .field("revision", (long) r.revision)
                .timeMillis(r.windowStart);
    }
}
