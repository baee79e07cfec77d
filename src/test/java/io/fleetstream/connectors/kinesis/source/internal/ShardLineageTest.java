package io.fleetstream.connectors.kinesis.source.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which shards may be read next: parents before children, nothing created after the window. */
class ShardLineageTest {
    private static final String S0 = "shardId-000000000000";
    private static final String S1 = "shardId-000000000001";
    private static final String S2 = "shardId-000000000002";
    private static final String S3 = "shardId-000000000003";
    private static final String S4 = "shardId-000000000004";
    private static final String S5 = "shardId-000000000005";
    private static final String S6 = "shardId-000000000006";

    /** 0 split into 2 and 3, merged again into 4; 1 split into 5 and 6. */
    private static ShardLineage resharded() {
        ShardLineage l = new ShardLineage();
        l.add(S4, List.of(S2, S3));
        l.add(S0, List.of());
        l.add(S1, List.of());
        l.add(S2, List.of(S0));
        l.add(S3, List.of(S0));
        l.add(S5, List.of(S1));
        l.add(S6, List.of(S1));
        return l;
    }

    /** The reshard above with both first shards handed out and 0 read to its end. */
    private static ShardLineage zeroClosedOneBeingRead() {
        ShardLineage l = resharded();
        l.ready();
        l.assigned(S0);
        l.assigned(S1);
        l.finished(S0, ShardOutcome.CLOSED);
        return l;
    }

    @Test
    void aChildIsReadyOnlyOnceEveryParentIsFinished() {
        ShardLineage l = resharded();
        assertThat(l.ready()).containsExactly(S0, S1);
        l.assigned(S0);
        l.assigned(S1);
        assertThat(l.ready()).isEmpty();

        l.finished(S0, ShardOutcome.CLOSED);
        assertThat(l.ready()).containsExactly(S2, S3);
        l.assigned(S2);
        l.assigned(S3);
        l.finished(S2, ShardOutcome.CLOSED);
        assertThat(l.ready()).as("the merged child waits for its other parent").isEmpty();
        l.finished(S3, ShardOutcome.CLOSED);
        assertThat(l.ready()).containsExactly(S4);
        assertThat(l.allFinished()).isFalse();
    }

    @Test
    void childrenOfAShardThatOutlivedTheWindowAreSkippedWithTheirOwnChildren() {
        ShardLineage l = resharded();
        l.ready();
        l.assigned(S0);
        l.assigned(S1);
        l.finished(S1, ShardOutcome.PASSED_END);
        assertThat(l.ready()).isEmpty();
        assertThat(l.isFinished(S5)).isTrue();
        assertThat(l.isFinished(S6)).isTrue();

        l.finished(S0, ShardOutcome.AT_TIP);
        assertThat(l.ready()).isEmpty();
        assertThat(l.entries()).filteredOn(e -> List.of(S2, S3, S4, S5, S6).contains(e.shardId))
                .allSatisfy(e -> assertThat(e.outcome).isEqualTo(ShardOutcome.SKIPPED));
        assertThat(l.allFinished()).isTrue();
    }

    @Test
    void aParentThatIsNotListedAnyMoreCountsAsFinished() {
        ShardLineage l = new ShardLineage();
        l.add(S4, List.of(S2, S3));
        assertThat(l.ready()).containsExactly(S4);
    }

    @Test
    void aShardHandedBackByAFailedReaderIsReadAgainBeforeItsChildren() {
        ShardLineage l = zeroClosedOneBeingRead();
        assertThat(l.ready()).containsExactly(S2, S3);
        l.returned(S0);
        assertThat(l.ready()).containsExactly(S0);
        assertThat(l.isFinished(S0)).isFalse();
    }

    @Test
    void aRepeatedFinishIsTakenOnceAndTheStateSurvivesACheckpoint() {
        ShardLineage l = zeroClosedOneBeingRead();
        l.finished(S0, ShardOutcome.CLOSED);
        ShardLineage restored = new ShardLineage(l.entries());
        assertThat(restored.entries()).isEqualTo(l.entries());
        assertThat(restored.ready()).containsExactly(S2, S3);
        assertThat(restored.hasChildren(S0)).isTrue();
        assertThat(restored.hasChildren(S4)).isFalse();
    }

    @Test
    void finishedShardsThatExpiredFromTheListingAreForgottenAndTheirChildrenStayReadable() {
        ShardLineage l = zeroClosedOneBeingRead();
        l.forgetExpired(Set.of(S1, S2, S3, S4, S5, S6));
        assertThat(l.entries()).extracting(e -> e.shardId).containsExactly(S1, S2, S3, S4, S5, S6);
        assertThat(l.ready()).containsExactly(S2, S3);
        l.forgetExpired(Set.of(S2, S3, S4, S5, S6));
        assertThat(l.entries()).as("a shard still being read is kept").extracting(e -> e.shardId).contains(S1);
    }
}
