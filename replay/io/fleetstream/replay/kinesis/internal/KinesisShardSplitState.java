package io.fleetstream.replay.kinesis.internal;

/** A split being read: the last record emitted, updated by the reader's task thread as it emits. */
public final class KinesisShardSplitState {
    private final String shardId;
    private String lastSequenceNumber;

    public KinesisShardSplitState(KinesisShardSplit split) {
        this.shardId = split.shardId();
        this.lastSequenceNumber = split.lastSequenceNumber();
    }

    public String shardId() {
        return shardId;
    }

    public void emitted(String sequenceNumber) {
        this.lastSequenceNumber = sequenceNumber;
    }

    public KinesisShardSplit toSplit() {
        return new KinesisShardSplit(shardId, lastSequenceNumber, null);
    }
}
