package io.fleetstream.connectors.kinesis.sink.internal;

import io.fleetstream.connectors.kinesis.KinesisClients;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

/**
 * Flink's async sink writer on a Kinesis client: the base buffers entries and cuts batches within the PutRecords
 * limits, bounds the requests in flight and keeps what is still buffered in checkpoints; {@link BatchSender} puts
 * each batch and decides what is retried.
 */
public final class KinesisSinkWriter<T> extends AsyncSinkWriter<T, KinesisEntry> {
    public static final String METRIC_SENT = "kinesis.records-sent";
    public static final String METRIC_RETRIED = "kinesis.records-retried";
    public static final String METRIC_FAILED = "kinesis.records-failed";

    private final KinesisClients clients;
    private final BatchSender sender;

    public KinesisSinkWriter(KinesisEntryConverter<T> converter, WriterInitContext context,
            AsyncSinkWriterConfiguration configuration, Collection<BufferedRequestState<KinesisEntry>> restored,
            SinkSettings settings) throws Exception {
        super(converter, context, configuration, restored);
        converter.openSchema(context.asSerializationSchemaInitializationContext());
        this.clients = KinesisClients.create(settings.clientProperties, settings.region);
        MetricGroup metrics = context.metricGroup();
        // Updated from the SDK's completion threads, so the thread-safe kind.
        BatchSender.Counters counters = new BatchSender.Counters(
                metrics.counter(METRIC_SENT, new ThreadSafeSimpleCounter()),
                metrics.counter(METRIC_RETRIED, new ThreadSafeSimpleCounter()),
                metrics.counter(METRIC_FAILED, new ThreadSafeSimpleCounter()));
        this.sender = new BatchSender(settings.streamArn, settings.where(), clients.client()::putRecords,
                (millis, task) -> CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS).execute(task),
                counters);
    }

    @Override
    protected void submitRequestEntries(List<KinesisEntry> entries, ResultHandler<KinesisEntry> result) {
        sender.send(entries, result);
    }

    @Override
    protected long getSizeInBytes(KinesisEntry entry) {
        return entry.sizeInBytes;
    }

    /**
     * Sends everything buffered, not only what is in flight, before each checkpoint: records wait at most the batch
     * delay anyway, and a checkpoint then holds none, so at-least-once never depends on restoring a buffer.
     */
    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        super.flush(true);
    }

    @Override
    public void close() {
        sender.close();
        clients.close();
        super.close();
    }
}
