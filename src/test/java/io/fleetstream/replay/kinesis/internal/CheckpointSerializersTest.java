package io.fleetstream.replay.kinesis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.replay.kinesis.internal.ShardEntry.Status;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Splits and the enumerator's state come back from their checkpoint bytes as they went in. */
class CheckpointSerializersTest {
    private final KinesisShardSplitSerializer splits = new KinesisShardSplitSerializer();
    private final ReplayEnumeratorStateSerializer states = new ReplayEnumeratorStateSerializer();

    @Test
    void aSplitKeepsItsShardItsLastEmittedSequenceNumberAndItsOutcome() throws IOException {
        for (KinesisShardSplit split : List.of(
                KinesisShardSplit.fresh("shardId-000000000003"),
                new KinesisShardSplit("shardId-000000000003",
                        "49680497852428193488365684975773016269082590603861032962", null),
                KinesisShardSplit.finished("shardId-000000000001", ShardOutcome.CLOSED),
                KinesisShardSplit.finished("shardId-000000000007", ShardOutcome.PASSED_END),
                KinesisShardSplit.finished("shardId-000000000008", ShardOutcome.AT_TIP))) {
            KinesisShardSplit back = splits.deserialize(splits.getVersion(), splits.serialize(split));
            assertThat(back).isEqualTo(split);
            assertThat(back.lastSequenceNumber()).isEqualTo(split.lastSequenceNumber());
            assertThat(back.outcome()).isEqualTo(split.outcome());
        }
    }

    @Test
    void theEnumeratorStateKeepsEveryShardWithItsParentsStatusAndOutcome() throws IOException {
        ReplayEnumeratorState state = new ReplayEnumeratorState(List.of(
                new ShardEntry("shardId-000000000000", List.of(), Status.FINISHED, ShardOutcome.CLOSED),
                new ShardEntry("shardId-000000000001", List.of(), Status.ASSIGNED, null),
                new ShardEntry("shardId-000000000002", List.of("shardId-000000000000"), Status.FINISHED,
                        ShardOutcome.PASSED_END),
                new ShardEntry("shardId-000000000003", List.of("shardId-000000000000"), Status.PENDING, null),
                new ShardEntry("shardId-000000000004", List.of("shardId-000000000002", "shardId-000000000003"),
                        Status.FINISHED, ShardOutcome.SKIPPED)));
        assertThat(states.deserialize(states.getVersion(), states.serialize(state))).isEqualTo(state);
        assertThat(states.deserialize(states.getVersion(), states.serialize(ReplayEnumeratorState.empty())))
                .isEqualTo(ReplayEnumeratorState.empty());
    }

    @Test
    void bytesOfAnUnknownVersionAreRefused() throws IOException {
        byte[] split = splits.serialize(KinesisShardSplit.fresh("shardId-000000000000"));
        assertThatThrownBy(() -> splits.deserialize(splits.getVersion() + 1, split))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown version");
        byte[] state = states.serialize(ReplayEnumeratorState.empty());
        assertThatThrownBy(() -> states.deserialize(states.getVersion() + 1, state))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown version");
    }
}
