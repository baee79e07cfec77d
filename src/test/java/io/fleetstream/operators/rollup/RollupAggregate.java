package io.fleetstream.operators.rollup;

import io.fleetstream.model.Reading;
import org.apache.flink.api.common.functions.AggregateFunction;

/** The oracle's incremental aggregation: the window keeps one {@link MetricStats}, never the readings. */
class RollupAggregate implements AggregateFunction<Reading, MetricStats, MetricStats> {
    private static final long serialVersionUID = 1L;

    @Override
    public MetricStats createAccumulator() {
        return new MetricStats();
    }

    @Override
    public MetricStats add(Reading r, MetricStats acc) {
        acc.add(r);
        return acc;
    }

    @Override
    public MetricStats getResult(MetricStats acc) {
        return acc;
    }

    @Override
    public MetricStats merge(MetricStats a, MetricStats b) {
        a.merge(b);
        return a;
    }
}
