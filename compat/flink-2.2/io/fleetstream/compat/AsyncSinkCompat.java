package io.fleetstream.compat;

import java.io.Serializable;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;

/**
 * Flink's async sink base as our sinks use it, this copy for Flink 2.x: the {@code flink-1.20} copy adds only the
 * {@code createWriter(Sink.InitContext)} that 1.20 still declares and 2.x removed.
 */
public abstract class AsyncSinkCompat<InputT, RequestEntryT extends Serializable>
        extends AsyncSinkBase<InputT, RequestEntryT> {
    private static final long serialVersionUID = 1L;

    protected AsyncSinkCompat(ElementConverter<InputT, RequestEntryT> converter, int maxBatchSize,
            int maxInFlightRequests, int maxBufferedRequests, long maxBatchSizeInBytes, long maxTimeInBufferMs,
            long maxRecordSizeInBytes) {
        super(converter, maxBatchSize, maxInFlightRequests, maxBufferedRequests, maxBatchSizeInBytes,
                maxTimeInBufferMs, maxRecordSizeInBytes);
    }

    /** The writer settings this sink was built with. */
    protected AsyncSinkWriterConfiguration writerConfiguration() {
        return AsyncSinkWriterConfiguration.builder()
                .setMaxBatchSize(getMaxBatchSize())
                .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
                .setMaxInFlightRequests(getMaxInFlightRequests())
                .setMaxBufferedRequests(getMaxBufferedRequests())
                .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
                .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
                .build();
    }
}
