package io.fleetstream.compat;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/**
 * The base of our async sinks, this copy for Flink 1.20: 1.20 still declares {@code createWriter(InitContext)},
 * which 2.x removed; its runtime calls {@code createWriter(WriterInitContext)}, which every sink of ours implements.
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

    /** @deprecated gone in Flink 2: the runtime creates writers through {@code createWriter(WriterInitContext)} */
    @Deprecated
    @Override
    public final SinkWriter<InputT> createWriter(Sink.InitContext context) {
        throw new UnsupportedOperationException("created through createWriter(WriterInitContext)");
    }
}
