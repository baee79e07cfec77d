package io.fleetstream.sinks.timeseries.internal;

import io.fleetstream.sinks.timeseries.PointWriter;
import io.fleetstream.sinks.timeseries.Precision;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/**
 * A record as its line (UTF-8, without the newline). A record that gives no valid point, or a line longer than a
 * request may carry, becomes {@link LineBuilder#NO_POINT}: the writer counts and drops it instead of failing.
 */
public final class PointConverter<T> implements ElementConverter<T, byte[]> {
    private static final long serialVersionUID = 1L;

    private final PointWriter<T> pointWriter;
    private final Precision precision;
    private final long maxLineBytes;
    private transient LineBuilder builder;

    public PointConverter(PointWriter<T> pointWriter, Precision precision, long maxLineBytes) {
        this.pointWriter = pointWriter;
        this.precision = precision;
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public byte[] apply(T record, SinkWriter.Context context) {
        if (builder == null) {
            builder = new LineBuilder(precision);
        }
        pointWriter.write(record, builder.reset());
        return builder.toBytes(maxLineBytes);
    }
}
