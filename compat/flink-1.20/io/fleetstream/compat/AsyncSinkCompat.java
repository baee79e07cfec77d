package io.fleetstream.compat;

import java.io.Serializable;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;

/**
 * Flink's async sink base as our sinks use it, this copy for Flink 1.20 (the {@code flink-2.2} copy is the same
 * without the last method): 1.20's {@link Sink} still declares the abstract {@code createWriter(Sink.InitContext)}
 * (its runtime calls {@code createWriter(WriterInitContext)}, which every sink of ours implements); Flink 2 removed
 * that method together with {@code Sink.InitContext}.
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

    /** @deprecated Flink 1.20 only; gone in Flink 2 */
    @Deprecated
    @Override
    public final SinkWriter<InputT> createWriter(Sink.InitContext context) {
        throw new UnsupportedOperationException("Flink creates this sink's writers with createWriter(WriterInitContext)");
    }
}
