package io.fleetstream.connectors.kinesis.source.internal;

/** A split being read: the last record emitted, updated by the reader's task thread as it emits. */
public final class KinesisShardSplitState {
    private final KinesisShardSplit split;
    private String lastSequenceNumber;
    private int lastSubSequenceNumber;

    public KinesisShardSplitState(KinesisShardSplit split) {
        this.split = split;
        this.lastSequenceNumber = split.lastSequenceNumber();
        this.lastSubSequenceNumber = split.lastSubSequenceNumber();
    }

    public String shardId() {
        return split.shardId();
    }

    /** {@code subSequenceNumber} is {@link KinesisShardSplit#WHOLE_RECORD} once the record is emitted entirely. */
    public void emitted(String sequenceNumber, int subSequenceNumber) {
        this.lastSequenceNumber = sequenceNumber;
        this.lastSubSequenceNumber = subSequenceNumber;
    }

    public KinesisShardSplit toSplit() {
        return new KinesisShardSplit(split.shardId(), split.start(), lastSequenceNumber, lastSubSequenceNumber, null);
    }
}
