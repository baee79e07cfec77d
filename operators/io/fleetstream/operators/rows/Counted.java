package io.fleetstream.operators.rows;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Counts what passes, as a Flink metric (for dashboards) and an accumulator (for the demo's and bench's progress
 * lines, which read accumulators from the job client).
 */
public class Counted<T> extends RichMapFunction<T, T> {
    private static final long serialVersionUID = 1L;

    private final String name;
    private transient LongCounter accumulator;
    private transient Counter metric;

    public Counted(String name) {
        this.name = name;
    }

    @Override
    public void open(OpenContext openContext) {
        accumulator = new LongCounter();
        getRuntimeContext().addAccumulator(name, accumulator);
        metric = getRuntimeContext().getMetricGroup().counter(name);
    }

    @Override
    public T map(T value) {
        accumulator.add(1L);
        metric.inc();
        return value;
    }
}
