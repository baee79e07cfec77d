package io.fleetstream.connectors.kinesis.source.internal;

import io.fleetstream.connectors.kinesis.source.KinesisRecord;
import io.fleetstream.connectors.kinesis.source.StartingPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Where a fetcher is in one shard, and what it makes of the records it fetches there: the one place both readers
 * (GetRecords polling and SubscribeToShard) decide where a read resumes and which user records a Kinesis record
 * yields, so positions in checkpoints, KPL de-aggregation and the per-shard timestamps mean the same in both.
 */
final class ShardPosition {
    /** AT_TIMESTAMP may not be in the future (by the stream's clock); later records are skipped by arrival time. */
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

    final String shardId;
    private final StartingPosition start;
    /** Last record fetched (emitted or still queued), where a new read continues. */
    private String lastSequenceNumber;
    /** Sub-records of the aggregate at lastSequenceNumber already emitted before a restore; else WHOLE_RECORD. */
    private int emittedThrough;

    ShardPosition(KinesisShardSplit split, StartingPosition sourceStart) {
        this.shardId = split.shardId();
        this.start = split.start() != null ? split.start() : sourceStart;
        this.lastSequenceNumber = split.lastSequenceNumber();
        this.emittedThrough = split.lastSubSequenceNumber();
    }

    /** How a new read of the shard starts: after the last record fetched, inside it, or at the start. */
    ShardIteratorType resumeType() {
        if (lastSequenceNumber != null) {
            return emittedThrough == KinesisShardSplit.WHOLE_RECORD
                    ? ShardIteratorType.AFTER_SEQUENCE_NUMBER : ShardIteratorType.AT_SEQUENCE_NUMBER;
        }
        switch (start.kind()) {
            case LATEST:
                return ShardIteratorType.LATEST;
            case AT_TIMESTAMP:
                return ShardIteratorType.AT_TIMESTAMP;
            case TRIM_HORIZON:
            default:
                return ShardIteratorType.TRIM_HORIZON;
        }
    }

    /** With AT_ or AFTER_SEQUENCE_NUMBER; else null. */
    String resumeSequenceNumber() {
        return lastSequenceNumber;
    }

    /** With AT_TIMESTAMP; else null. */
    Instant resumeTimestamp() {
        if (lastSequenceNumber != null || start.kind() != StartingPosition.Kind.AT_TIMESTAMP) {
            return null;
        }
        Instant latest = Instant.now().minus(CLOCK_MARGIN);
        return start.timestamp().isBefore(latest) ? start.timestamp() : latest;
    }

    /**
     * Adds the user records of a fetched record that are still to be emitted (none of one that arrived before an
     * AT_TIMESTAMP start; the rest of an aggregate a checkpoint caught half emitted) and moves past it.
     */
    void read(Record r, RecordsBySplits.Builder<ShardRecord> out) {
        long arrival = r.approximateArrivalTimestamp().toEpochMilli();
        if (start.kind() != StartingPosition.Kind.AT_TIMESTAMP || arrival >= start.timestamp().toEpochMilli()) {
            SdkBytes data = r.data();
            List<KinesisRecord> users = KplAggregate.userRecords(data == null ? new byte[0] : data.asByteArrayUnsafe(),
                    r.partitionKey(), arrival, shardId, r.sequenceNumber());
            int skip = r.sequenceNumber().equals(lastSequenceNumber) ? emittedThrough + 1 : 0;
            for (int i = skip; i < users.size(); i++) {
                out.add(shardId, new ShardRecord(users.get(i), i == users.size() - 1));
            }
        }
        lastSequenceNumber = r.sequenceNumber();
        emittedThrough = KinesisShardSplit.WHOLE_RECORD;
    }
}
