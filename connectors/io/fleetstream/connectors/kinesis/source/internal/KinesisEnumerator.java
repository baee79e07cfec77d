package io.fleetstream.connectors.kinesis.source.internal;

import io.fleetstream.connectors.kinesis.KinesisClients;
import io.fleetstream.connectors.kinesis.source.EnhancedFanOut;
import io.fleetstream.connectors.kinesis.source.StartingPosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.util.FlinkRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Lists the stream's shards (at the start, then every discovery interval when unbounded, and when a shard closed
 * by a reshard has no known children) and hands each to a reader once its parents are read; learns of finished
 * shards from the readers ({@link ShardsFinishedEvent}). A bounded source tells every reader there is nothing more
 * once all shards are finished, which ends the job. A child goes to the reader that read its parent where it can:
 * records of one key then travel one channel, so they stay in order downstream too (across a merge of shards read
 * by two readers, the adjacent parent's keys can overtake each other for a moment).
 */
public final class KinesisEnumerator implements SplitEnumerator<KinesisShardSplit, KinesisEnumeratorState> {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisEnumerator.class);

    private final SplitEnumeratorContext<KinesisShardSplit> context;
    private final SourceSettings settings;
    /** Where fresh shards start: the source's starting position with LATEST fixed to the first start. */
    private final StartingPosition start;
    private final ShardLineage lineage;
    /** Reader of each assigned shard; unknown for shards assigned before a restore. */
    private final Map<String, Integer> owner = new HashMap<>();
    /** Reader that finished each shard, for its children. */
    private final Map<String, Integer> finishedBy = new HashMap<>();
    private final Set<Integer> toldNoMoreSplits = new HashSet<>();
    private KinesisClients clients;
    private StreamConsumers consumers;
    /** The job-managed stream consumer this enumerator registered or found, to deregister when it closes. */
    private String registered;
    private boolean listing;
    private boolean listed;
    private boolean assigning;

    public KinesisEnumerator(SplitEnumeratorContext<KinesisShardSplit> context, SourceSettings settings,
            KinesisEnumeratorState state) {
        this.context = context;
        this.settings = settings;
        this.start = state.start != null ? state.start : fixed(settings.start);
        this.lineage = new ShardLineage(state.shards);
    }

    /**
     * LATEST as the instant of the first start: a shard handed out later (a child, or after a failure) then still
     * gets every record since. Shards created later hold only later records, so the same position fits them.
     */
    private static StartingPosition fixed(StartingPosition p) {
        return p.kind() == StartingPosition.Kind.LATEST ? StartingPosition.atTimestamp(Instant.now()) : p;
    }

    @Override
    public void start() {
        if (settings.efo == null) {
            clients = KinesisClients.create(settings.clientProperties(), settings.arnRegion());
            startListing();
            return;
        }
        clients = KinesisClients.createForSubscriptions(settings.clientProperties(), settings.arnRegion());
        consumers = new StreamConsumers(clients.client(), settings.streamArn, settings.efo);
        // Readers subscribe through the consumer as soon as they have shards: none before it is ACTIVE.
        context.callAsync(consumers::prepare, this::onConsumerReady);
    }

    private void onConsumerReady(String consumerArn, Throwable error) {
        if (error != null) {
            throw new FlinkRuntimeException("cannot read " + settings.streamArn + " with " + settings.efo + ": "
                    + error.getMessage(), error);
        }
        if (settings.efo.lifecycle() == EnhancedFanOut.ConsumerLifecycle.JOB_MANAGED) {
            registered = consumerArn;
        }
        startListing();
    }

    private void startListing() {
        listShards();
        if (!settings.isBounded()) {
            long every = settings.discoveryIntervalMillis;
            context.callAsync(this::fetchShards, this::onShardsDiscovered, every, every);
        }
    }

    /** Lists on a worker thread; also after a restore, and again when a closed shard's children are not known. */
    private void listShards() {
        listing = true;
        context.callAsync(this::fetchShards, this::onShardsListed);
    }

    private List<Shard> fetchShards() throws Exception {
        List<Shard> shards = new ArrayList<>();
        String token = null;
        do {
            // A request with a NextToken must not name the stream.
            ListShardsRequest request = token == null
                    ? ListShardsRequest.builder().streamARN(settings.streamArn).build()
                    : ListShardsRequest.builder().nextToken(token).build();
            ListShardsResponse page = Calls.await(clients.client().listShards(request));
            shards.addAll(page.shards());
            token = page.nextToken();
        } while (token != null);
        return shards;
    }

    private void onShardsListed(List<Shard> shards, Throwable error) {
        listing = false;
        if (error != null) {
            throw new FlinkRuntimeException("cannot list the shards of " + settings.streamArn, error);
        }
        learn(shards);
    }

    /** A failed periodic listing is tried again at the next interval: the readers go on meanwhile. */
    private void onShardsDiscovered(List<Shard> shards, Throwable error) {
        if (error != null) {
            LOG.warn("Cannot list the shards of {}; trying again in {} ms", settings.streamArn,
                    settings.discoveryIntervalMillis, error);
            return;
        }
        learn(shards);
    }

    private void learn(List<Shard> shards) {
        Set<String> present = new HashSet<>();
        for (Shard s : shards) {
            present.add(s.shardId());
            List<String> parents = new ArrayList<>(2);
            if (s.parentShardId() != null) {
                parents.add(s.parentShardId());
            }
            if (s.adjacentParentShardId() != null) {
                parents.add(s.adjacentParentShardId());
            }
            lineage.add(s.shardId(), parents);
        }
        lineage.forgetExpired(present);
        this.listed = true;
        assign();
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // Shards are pushed to readers as they become ready.
    }

    @Override
    public void addSplitsBack(List<KinesisShardSplit> splits, int subtaskId) {
        // Shards assigned after the last checkpoint of a failed reader: whatever it read of them is rolled back.
        for (KinesisShardSplit split : splits) {
            lineage.returned(split.shardId());
            owner.remove(split.shardId());
            finishedBy.remove(split.shardId());
        }
        assign();
    }

    @Override
    public void addReader(int subtaskId) {
        toldNoMoreSplits.remove(subtaskId);
        assign();
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent event) {
        if (!(event instanceof ShardsFinishedEvent)) {
            return;
        }
        boolean childrenUnknown = false;
        for (Map.Entry<String, ShardOutcome> e : ((ShardsFinishedEvent) event).outcomes().entrySet()) {
            lineage.finished(e.getKey(), e.getValue());
            owner.remove(e.getKey());
            finishedBy.put(e.getKey(), subtaskId);
            childrenUnknown |= e.getValue() == ShardOutcome.CLOSED && !lineage.hasChildren(e.getKey());
        }
        if (childrenUnknown && !listing) {
            // closed by a reshard after the last listing
            listShards();
        }
        assign();
    }

    private void assign() {
        Set<Integer> readers = context.registeredReaders().keySet();
        if (!listed || readers.isEmpty()) {
            return;
        }
        if (!assigning) {
            // The first shards are spread over all readers, so wait for all of them.
            if (readers.size() < context.currentParallelism()) {
                return;
            }
            assigning = true;
        }
        Map<Integer, List<KinesisShardSplit>> batch = new HashMap<>();
        for (String shardId : lineage.ready()) {
            Integer reader = parentReader(shardId, readers);
            if (reader == null) {
                reader = leastLoaded(readers);
            }
            lineage.assigned(shardId);
            owner.put(shardId, reader);
            batch.computeIfAbsent(reader, r -> new ArrayList<>()).add(KinesisShardSplit.fresh(shardId, start));
        }
        if (!batch.isEmpty()) {
            context.assignSplits(new SplitsAssignment<>(batch));
        }
        if (settings.isBounded() && !listing && lineage.allFinished()) {
            for (int reader : readers) {
                if (toldNoMoreSplits.add(reader)) {
                    context.signalNoMoreSplits(reader);
                }
            }
        }
    }

    private Integer parentReader(String shardId, Set<Integer> readers) {
        for (String parent : lineage.parents(shardId)) {
            Integer reader = finishedBy.get(parent);
            if (reader != null && readers.contains(reader)) {
                return reader;
            }
        }
        return null;
    }

    private int leastLoaded(Set<Integer> readers) {
        Map<Integer, Integer> load = new HashMap<>();
        for (int r : readers) {
            load.put(r, 0);
        }
        for (int r : owner.values()) {
            load.computeIfPresent(r, (k, n) -> n + 1);
        }
        int best = -1;
        for (Map.Entry<Integer, Integer> e : load.entrySet()) {
            boolean fewer = best < 0 || e.getValue() < load.get(best);
            if (fewer || (e.getValue().equals(load.get(best)) && e.getKey() < best)) {
                best = e.getKey();
            }
        }
        return best;
    }

    @Override
    public KinesisEnumeratorState snapshotState(long checkpointId) {
        return new KinesisEnumeratorState(start, lineage.entries());
    }

    /**
     * Flink closes the enumerator when the job finishes or is cancelled, and before a global failover starts it
     * again: a job-managed consumer goes then, and the next start registers it anew. Nothing closes it when the
     * JobManager process dies; the next start finds the consumer and reads through it.
     */
    @Override
    public void close() {
        if (registered != null) {
            consumers.deregister(registered);
        }
        if (clients != null) {
            clients.close();
        }
    }
}
