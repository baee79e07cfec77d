package io.fleetstream.connectors.kinesis.source.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.connectors.kinesis.source.StartingPosition;
import io.fleetstream.connectors.kinesis.source.internal.ShardEntry.Status;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Splits and the enumerator's state come back from their checkpoint bytes as they went in. */
class CheckpointSerializersTest {
    private static final String SEQ = "49680497852428193488365684975773016269082590603861032962";

    private final KinesisShardSplitSerializer splits = new KinesisShardSplitSerializer();
    private final KinesisEnumeratorStateSerializer states = new KinesisEnumeratorStateSerializer();

    @Test
    void aSplitKeepsItsShardStartLastEmittedPositionDownToTheSubRecordAndOutcome() throws IOException {
        for (KinesisShardSplit split : List.of(
                KinesisShardSplit.fresh("shardId-000000000003", StartingPosition.trimHorizon()),
                KinesisShardSplit.fresh("shardId-000000000004",
                        StartingPosition.atTimestamp(Instant.parse("2025-11-20T10:00:00.250Z"))),
                new KinesisShardSplit("shardId-000000000003", StartingPosition.trimHorizon(), SEQ,
                        KinesisShardSplit.WHOLE_RECORD, null),
                new KinesisShardSplit("shardId-000000000003", StartingPosition.trimHorizon(), SEQ, 17, null),
                KinesisShardSplit.finished("shardId-000000000001", ShardOutcome.CLOSED),
                KinesisShardSplit.finished("shardId-000000000007", ShardOutcome.PASSED_END),
                KinesisShardSplit.finished("shardId-000000000008", ShardOutcome.AT_TIP))) {
            KinesisShardSplit back = splits.deserialize(splits.getVersion(), splits.serialize(split));
            assertThat(back).isEqualTo(split);
            assertThat(back.start()).isEqualTo(split.start());
            assertThat(back.lastSequenceNumber()).isEqualTo(split.lastSequenceNumber());
            assertThat(back.lastSubSequenceNumber()).isEqualTo(split.lastSubSequenceNumber());
            assertThat(back.outcome()).isEqualTo(split.outcome());
        }
    }

    @Test
    void theEnumeratorStateKeepsItsStartAndEveryShardWithItsParentsStatusAndOutcome() throws IOException {
        KinesisEnumeratorState state = new KinesisEnumeratorState(
                StartingPosition.atTimestamp(Instant.parse("2025-11-20T10:00:00Z")), List.of(
                new ShardEntry("shardId-000000000000", List.of(), Status.FINISHED, ShardOutcome.CLOSED),
                new ShardEntry("shardId-000000000001", List.of(), Status.ASSIGNED, null),
                new ShardEntry("shardId-000000000002", List.of("shardId-000000000000"), Status.FINISHED,
                        ShardOutcome.PASSED_END),
                new ShardEntry("shardId-000000000003", List.of("shardId-000000000000"), Status.PENDING, null),
                new ShardEntry("shardId-000000000004", List.of("shardId-000000000002", "shardId-000000000003"),
                        Status.FINISHED, ShardOutcome.SKIPPED)));
        assertThat(states.deserialize(states.getVersion(), states.serialize(state))).isEqualTo(state);
        assertThat(states.deserialize(states.getVersion(), states.serialize(KinesisEnumeratorState.empty())))
                .isEqualTo(KinesisEnumeratorState.empty());
    }

    @Test
    void checkpointsOfTheBoundedReplaySourcesVersion1AreReadWithTheSourcesOwnStart() throws IOException {
        DataOutputSerializer split = new DataOutputSerializer(64);
        split.writeUTF("shardId-000000000003");
        split.writeBoolean(true);
        split.writeUTF(SEQ);
        split.writeByte(0);
        assertThat(splits.deserialize(1, split.getCopyOfBuffer())).isEqualTo(
                new KinesisShardSplit("shardId-000000000003", null, SEQ, KinesisShardSplit.WHOLE_RECORD, null));

        DataOutputSerializer state = new DataOutputSerializer(64);
        state.writeInt(2);
        state.writeUTF("shardId-000000000000");
        state.writeByte(0);
        state.writeByte(2);
        state.writeByte(ShardOutcome.CLOSED.code);
        state.writeUTF("shardId-000000000001");
        state.writeByte(1);
        state.writeUTF("shardId-000000000000");
        state.writeByte(1);
        assertThat(states.deserialize(1, state.getCopyOfBuffer())).isEqualTo(new KinesisEnumeratorState(null, List.of(
                new ShardEntry("shardId-000000000000", List.of(), Status.FINISHED, ShardOutcome.CLOSED),
                new ShardEntry("shardId-000000000001", List.of("shardId-000000000000"), Status.ASSIGNED, null))));
    }

    @Test
    void bytesOfAnUnknownVersionAreRefused() throws IOException {
        byte[] split = splits.serialize(KinesisShardSplit.fresh("shardId-000000000000", StartingPosition.trimHorizon()));
        assertThatThrownBy(() -> splits.deserialize(splits.getVersion() + 1, split))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown version");
        byte[] state = states.serialize(KinesisEnumeratorState.empty());
        assertThatThrownBy(() -> states.deserialize(states.getVersion() + 1, state))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown version");
    }
}
