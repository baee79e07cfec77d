package io.fleetstream.compat;

import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/**
 * The base of our async sinks, this copy for Flink 2.x: nothing to add to {@link AsyncSinkBase} (the 1.20 copy
 * closes the {@code createWriter(InitContext)} that 2.x removed).
 */
public abstract class AsyncSink<InputT, RequestEntryT extends java.io.Serializable>
        extends AsyncSinkBase<InputT, RequestEntryT> {
    private static final long serialVersionUID = 1L;

    protected AsyncSink(ElementConverter<InputT, RequestEntryT> elementConverter, int maxBatchSize,
            int maxInFlightRequests, int maxBufferedRequests, long maxBatchSizeInBytes, long maxTimeInBufferMS,
            long maxRecordSizeInBytes) {
        super(elementConverter, maxBatchSize, maxInFlightRequests, maxBufferedRequests, maxBatchSizeInBytes,
                maxTimeInBufferMS, maxRecordSizeInBytes);
    }
}
