package io.fleetstream.sinks.dynamodb.internal;

import io.fleetstream.model.DeviceState;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/** A snapshot becomes a request entry; its record timestamp (the emit time) becomes its snapshot time. */
public final class DeviceUpdateConverter implements ElementConverter<DeviceState, DeviceUpdate> {
    private static final long serialVersionUID = 1L;

    @Override
    public DeviceUpdate apply(DeviceState state, SinkWriter.Context context) {
        return DeviceUpdates.from(state, context.timestamp());
    }
}
