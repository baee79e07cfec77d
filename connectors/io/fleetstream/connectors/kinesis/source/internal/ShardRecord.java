package io.fleetstream.connectors.kinesis.source.internal;

import io.fleetstream.connectors.kinesis.source.KinesisRecord;

/**
 * A user record on its way from the fetcher to the emitter, and whether it is the last of its Kinesis record: only
 * then may a checkpoint resume after the record's sequence number.
 */
public final class ShardRecord {
    final KinesisRecord record;
    final boolean completesItsRecord;

    ShardRecord(KinesisRecord record, boolean completesItsRecord) {
        this.record = record;
        this.completesItsRecord = completesItsRecord;
    }
}
