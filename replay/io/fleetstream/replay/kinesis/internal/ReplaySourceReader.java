package io.fleetstream.replay.kinesis.internal;

import io.fleetstream.connectors.kinesis.KinesisClients;
import io.fleetstream.model.RawRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Reads the shards the enumerator assigns on one fetcher thread and reports each finished shard to the enumerator.
 *
 * <p>The finished shards also go into every checkpoint of this reader, as finished splits, for good: the
 * enumerator's checkpoint is taken before the readers' ones, so a finish reported in between is in neither the
 * enumerator's checkpoint nor (as a split still being read) the reader's. A reader restored from such a
 * checkpoint reports its finished shards again; the enumerator takes each report once. They are a few bytes a
 * shard.
 */
public final class ReplaySourceReader
        extends SingleThreadMultiplexSourceReaderBase<Record, RawRecord, KinesisShardSplit, KinesisShardSplitState> {
    private final SharedClient client;
    /** Why each shard ended, from the fetcher thread; read when the reader has emitted the shard's last record. */
    private final Map<String, ShardOutcome> outcomes;
    private final Map<String, ShardOutcome> finished = new LinkedHashMap<>();

    private ReplaySourceReader(ReplaySettings settings, SourceReaderContext context, SharedClient client,
            Map<String, ShardOutcome> outcomes) {
        super(() -> new KinesisShardSplitReader(settings, client.get(), outcomes),
                new ReplayRecordEmitter(settings.streamName()), context.getConfiguration(), context);
        this.client = client;
        this.outcomes = outcomes;
    }

    public static ReplaySourceReader create(ReplaySettings settings, SourceReaderContext context) {
        return new ReplaySourceReader(settings, context, new SharedClient(settings), new ConcurrentHashMap<>());
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
        private final ReplaySettings settings;
        private KinesisClients clients;

        SharedClient(ReplaySettings settings) {
            this.settings = settings;
        }

        synchronized KinesisAsyncClient get() {
            if (clients == null) {
                clients = KinesisClients.create(settings.clientProperties(), settings.arnRegion());
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
