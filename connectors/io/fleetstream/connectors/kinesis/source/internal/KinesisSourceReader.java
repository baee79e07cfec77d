package io.fleetstream.connectors.kinesis.source.internal;

import io.fleetstream.connectors.kinesis.KinesisClients;
import io.fleetstream.connectors.kinesis.source.KinesisDeserializer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.FlinkRuntimeException;
import org.apache.flink.util.UserCodeClassLoader;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

/**
 * Reads the shards the enumerator assigns on one fetcher thread and reports each finished shard to the enumerator.
 *
 * <p>The finished shards also go into every checkpoint of this reader, as finished splits, for good: the
 * enumerator's checkpoint is taken before the readers' ones, so a finish reported in between is in neither the
 * enumerator's checkpoint nor (as a split still being read) the reader's. A reader restored from such a
 * checkpoint reports its finished shards again; the enumerator takes each report once. They are a few bytes a
 * shard.
 */
public final class KinesisSourceReader<T>
        extends SingleThreadMultiplexSourceReaderBase<ShardRecord, T, KinesisShardSplit, KinesisShardSplitState> {
    private final KinesisDeserializer<T> deserializer;
    private final SharedClient client;
    /** Why each shard ended, from the fetcher thread; read when the reader has emitted the shard's last record. */
    private final Map<String, ShardOutcome> outcomes;
    private final Map<String, ShardOutcome> finished = new LinkedHashMap<>();

    private KinesisSourceReader(SourceSettings settings, KinesisDeserializer<T> deserializer,
            SourceReaderContext context, SharedClient client, Map<String, ShardOutcome> outcomes) {
        super(() -> settings.efo != null ? new EfoShardSplitReader(settings, client.get(), outcomes)
                        : new KinesisShardSplitReader(settings, client.get(), outcomes),
                new KinesisRecordEmitter<>(deserializer), context.getConfiguration(), context);
        this.deserializer = deserializer;
        this.client = client;
        this.outcomes = outcomes;
    }

    public static <T> KinesisSourceReader<T> create(SourceSettings settings, KinesisDeserializer<T> deserializer,
            SourceReaderContext context) {
        return new KinesisSourceReader<>(settings, deserializer, context, new SharedClient(settings),
                new ConcurrentHashMap<>());
    }

    @Override
    public void start() {
        try {
            deserializer.open(new DeserializationSchema.InitializationContext() {
                @Override
                public MetricGroup getMetricGroup() {
                    return context.metricGroup().addGroup("deserializer");
                }

                @Override
                public UserCodeClassLoader getUserCodeClassLoader() {
                    return context.getUserCodeClassLoader();
                }
            });
        } catch (Exception e) {
            throw new FlinkRuntimeException("cannot open the Kinesis source's deserializer", e);
        }
        super.start();
    }

    @Override
    public void addSplits(List<KinesisShardSplit> splits) {
        List<KinesisShardSplit> toRead = new ArrayList<>(splits.size());
        Map<String, ShardOutcome> restoredFinished = new LinkedHashMap<>();
        for (KinesisShardSplit split : splits) {
            if (split.isFinished()) {
                restoredFinished.put(split.shardId(), split.outcome());
            } else {
                toRead.add(split);
            }
        }
        if (!restoredFinished.isEmpty()) {
            finished.putAll(restoredFinished);
            context.sendSourceEventToCoordinator(new ShardsFinishedEvent(restoredFinished));
        }
        if (!toRead.isEmpty()) {
            super.addSplits(toRead);
        }
    }

    @Override
    protected void onSplitFinished(Map<String, KinesisShardSplitState> finishedSplits) {
        Map<String, ShardOutcome> ended = new LinkedHashMap<>();
        for (String shardId : finishedSplits.keySet()) {
            ShardOutcome outcome = outcomes.remove(shardId);
            // Only the fetcher finishes splits and it always says why; CLOSED is the answer that skips nothing.
            ended.put(shardId, outcome != null ? outcome : ShardOutcome.CLOSED);
        }
        finished.putAll(ended);
        context.sendSourceEventToCoordinator(new ShardsFinishedEvent(ended));
    }

    @Override
    public List<KinesisShardSplit> snapshotState(long checkpointId) {
        List<KinesisShardSplit> splits = new ArrayList<>(super.snapshotState(checkpointId));
        finished.forEach((shardId, outcome) -> splits.add(KinesisShardSplit.finished(shardId, outcome)));
        return splits;
    }

    @Override
    protected KinesisShardSplitState initializedState(KinesisShardSplit split) {
        return new KinesisShardSplitState(split);
    }

    @Override
    protected KinesisShardSplit toSplitType(String splitId, KinesisShardSplitState state) {
        return state.toSplit();
    }

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            client.close();
        }
    }

    /**
     * One client for every fetcher of this reader (a fetcher is started again when new shards arrive after an idle
     * spell), made when the first is.
     */
    private static final class SharedClient {
        private final SourceSettings settings;
        private KinesisClients clients;

        SharedClient(SourceSettings settings) {
            this.settings = settings;
        }

        synchronized KinesisAsyncClient get() {
            if (clients == null) {
                clients = settings.efo != null
                        ? KinesisClients.createForSubscriptions(settings.clientProperties(), settings.arnRegion())
                        : KinesisClients.create(settings.clientProperties(), settings.arnRegion());
            }
            return clients.client();
        }

        synchronized void close() {
            if (clients != null) {
                clients.close();
                clients = null;
            }
        }
    }
}
