package io.fleetstream.connectors.kinesis.source.internal;

import io.fleetstream.connectors.kinesis.source.StartingPosition;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Polls the reader's shards with GetRecords, one call per {@link #fetch()}, the shard that has waited longest
 * first, each shard at most once a poll interval. KPL aggregates come out as their user records. A shard ends when
 * it is closed and read to its end; a bounded source's also at its first record that arrived at or after the stop
 * instant (not emitted), or at its tip once that instant is past. The outcome goes to the source reader through
 * {@code outcomes}, which it reports to the enumerator.
 */
public final class KinesisShardSplitReader implements SplitReader<ShardRecord, KinesisShardSplit> {
    /** First wait after a throttled call, doubled on every further one up to {@link #MAX_BACKOFF_MILLIS}. */
    static final long MIN_BACKOFF_MILLIS = 200;
    static final long MAX_BACKOFF_MILLIS = 10_000;
    /** How long we wait for shards when none is assigned, before fetch() returns nothing. */
    private static final long NO_SHARD_WAIT_MILLIS = 200;
    /**
     * How long after the stop instant a shard's tip counts as final: a record accepted just before it can take a
     * moment to become readable, and our clock is not the stream's.
     */
    static final Duration TIP_SETTLE = Duration.ofSeconds(2);

    private static final class Cursor {
        final ShardPosition position;
        String iterator;
        long notBefore;
        long backoff;

        Cursor(KinesisShardSplit split, StartingPosition sourceStart) {
            this.position = new ShardPosition(split, sourceStart);
        }
    }

    private final SourceSettings settings;
    private final KinesisAsyncClient client;
    private final Map<String, ShardOutcome> outcomes;
    private final List<Cursor> cursors = new ArrayList<>();
    private final Set<String> paused = new HashSet<>();
    private final Object lock = new Object();
    private boolean wokenUp;

    public KinesisShardSplitReader(SourceSettings settings, KinesisAsyncClient client,
            Map<String, ShardOutcome> outcomes) {
        this.settings = settings;
        this.client = client;
        this.outcomes = outcomes;
    }

    @Override
    public RecordsWithSplitIds<ShardRecord> fetch() throws IOException {
        Cursor c = awaitDue();
        if (c == null) {
            return new RecordsBySplits.Builder<ShardRecord>().build();
        }
        try {
            return poll(c);
        } catch (ProvisionedThroughputExceededException | LimitExceededException e) {
            c.backoff = c.backoff == 0 ? MIN_BACKOFF_MILLIS : Math.min(MAX_BACKOFF_MILLIS, 2 * c.backoff);
            c.notBefore = System.currentTimeMillis() + c.backoff
                    + ThreadLocalRandom.current().nextLong(c.backoff / 2 + 1);
        } catch (ExpiredIteratorException e) {
            // unused for five minutes (paused, or a slow pipeline): a new one continues after the last record fetched
            c.iterator = null;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot read shard " + c.position.shardId + " of " + settings.streamArn, e);
        }
        return new RecordsBySplits.Builder<ShardRecord>().build();
    }

    /** The shard due first, once it is due; null when woken up or when there is no shard to poll. */
    private Cursor awaitDue() throws InterruptedIOException {
        synchronized (lock) {
            while (true) {
                if (wokenUp) {
                    wokenUp = false;
                    return null;
                }
                Cursor next = null;
                for (Cursor c : cursors) {
                    if (!paused.contains(c.position.shardId) && (next == null || c.notBefore < next.notBefore)) {
                        next = c;
                    }
                }
                long now = System.currentTimeMillis();
                if (next != null && next.notBefore <= now) {
                    return next;
                }
                if (next == null && paused.isEmpty()) {
                    return null;
                }
                try {
                    // every shard paused (watermark alignment) waits for a wake-up
                    lock.wait(next == null ? NO_SHARD_WAIT_MILLIS : next.notBefore - now);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting to poll Kinesis");
                }
            }
        }
    }

    private RecordsWithSplitIds<ShardRecord> poll(Cursor c) throws Exception {
        if (c.iterator == null) {
            c.iterator = Calls.await(client.getShardIterator(iteratorRequest(c))).shardIterator();
        }
        GetRecordsResponse response = Calls.await(client.getRecords(GetRecordsRequest.builder()
                .streamARN(settings.streamArn).shardIterator(c.iterator).limit(settings.recordsPerPoll).build()));
        long now = System.currentTimeMillis();
        c.backoff = 0;
        RecordsBySplits.Builder<ShardRecord> out = new RecordsBySplits.Builder<>();
        ShardOutcome end = null;
        for (Record r : response.records()) {
            long arrival = r.approximateArrivalTimestamp().toEpochMilli();
            if (settings.stopAt != null && arrival >= settings.stopAt.toEpochMilli()) {
                end = ShardOutcome.PASSED_END;
                break;
            }
            c.position.read(r, out);
        }
        // A server that does not say how far behind it is counts as at its tip once it returns nothing.
        boolean atTip = response.millisBehindLatest() == null || response.millisBehindLatest() == 0;
        if (end == null && response.nextShardIterator() == null) {
            end = ShardOutcome.CLOSED;
        } else if (end == null && settings.stopAt != null && response.records().isEmpty() && atTip
                && !Instant.ofEpochMilli(now).isBefore(settings.stopAt.plus(TIP_SETTLE))) {
            end = ShardOutcome.AT_TIP;
        }
        if (end != null) {
            cursors.remove(c);
            paused.remove(c.position.shardId);
            outcomes.put(c.position.shardId, end);
            out.addFinishedSplit(c.position.shardId);
        } else {
            c.iterator = response.nextShardIterator();
            c.notBefore = now + settings.pollIntervalMillis;
        }
        return out.build();
    }

    private GetShardIteratorRequest iteratorRequest(Cursor c) {
        return GetShardIteratorRequest.builder().streamARN(settings.streamArn).shardId(c.position.shardId)
                .shardIteratorType(c.position.resumeType())
                .startingSequenceNumber(c.position.resumeSequenceNumber())
                .timestamp(c.position.resumeTimestamp()).build();
    }

    @Override
    public void handleSplitsChanges(SplitsChange<KinesisShardSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("unsupported split change " + change);
        }
        for (KinesisShardSplit split : change.splits()) {
            cursors.add(new Cursor(split, settings.start));
        }
    }

    @Override
    public void pauseOrResumeSplits(Collection<KinesisShardSplit> toPause, Collection<KinesisShardSplit> toResume) {
        toPause.forEach(s -> paused.add(s.shardId()));
        toResume.forEach(s -> paused.remove(s.shardId()));
    }

    @Override
    public void wakeUp() {
        synchronized (lock) {
            wokenUp = true;
            lock.notifyAll();
        }
    }

    @Override
    public void close() {
        // The client belongs to the source reader, which outlives this fetcher.
    }
}
