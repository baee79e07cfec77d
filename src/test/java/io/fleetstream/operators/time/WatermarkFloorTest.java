package io.fleetstream.operators.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.fs.CloseableRegistry;
import org.apache.flink.runtime.state.DefaultOperatorStateBackend;
import org.apache.flink.runtime.state.DefaultOperatorStateBackendBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The floor against an operator state store, without an operator: what it writes and what it restores. */
class WatermarkFloorTest {
    private static final String NAME = "test-watermark";

    private DefaultOperatorStateBackend store;

    @BeforeEach
    void store() throws Exception {
        store = new DefaultOperatorStateBackendBuilder(getClass().getClassLoader(), new ExecutionConfig(), false,
                Collections.emptyList(), new CloseableRegistry()).build();
    }

    @AfterEach
    void dispose() {
        store.dispose();
    }

    @Test
    void aSnapshotWritesItsShareOfMaxParallelismCopies() throws Exception {
        WatermarkFloor floor = new WatermarkFloor(NAME);
        floor.initialize(store, false, 3, 8);
        floor.snapshot(42);
        // three subtasks write three copies each: nine, at least the eight subtasks a rescale can make
        assertThat(stored()).hasSize(3).containsOnly(42L);
    }

    @Test
    void aRestoreTakesTheSmallestValueItGets() throws Exception {
        state().update(List.of(90L, 70L, 90L, 80L));
        WatermarkFloor floor = new WatermarkFloor(NAME);
        floor.initialize(store, true, 1, 8);
        assertThat(floor.restored()).isEqualTo(70);
        assertThat(floor.apply(Long.MIN_VALUE)).isEqualTo(70);
        assertThat(floor.apply(100)).isEqualTo(100);
    }

    @Test
    void aCheckpointOfOneValuePerSubtaskStillRestores() throws Exception {
        state().update(List.of(70L));
        WatermarkFloor floor = new WatermarkFloor(NAME);
        floor.initialize(store, true, 1, 8);
        assertThat(floor.restored()).isEqualTo(70);
        floor.snapshot(Long.MIN_VALUE);
        assertThat(stored()).hasSize(8).containsOnly(70L);
    }

    @Test
    void aSubtaskThatGetsNoValueHasNoFloor() throws Exception {
        WatermarkFloor floor = new WatermarkFloor(NAME);
        floor.initialize(store, true, 1, 8);
        assertThat(floor.restored()).isEqualTo(Long.MIN_VALUE);
        assertThat(floor.apply(5)).isEqualTo(5);
    }

    @Test
    void theRestoredFloorIsCheckpointedUntilTheLiveWatermarkPassesIt() throws Exception {
        state().update(List.of(70L));
        WatermarkFloor floor = new WatermarkFloor(NAME);
        floor.initialize(store, true, 1, 4);
        floor.snapshot(60);
        assertThat(stored()).containsExactly(70L, 70L, 70L, 70L);
        floor.snapshot(75);
        assertThat(stored()).containsExactly(75L, 75L, 75L, 75L);
    }

    @Test
    void aParallelismOutsideOneToTheMaxIsRefused() {
        assertThatThrownBy(() -> new WatermarkFloor(NAME).initialize(store, false, 0, 8))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private ListState<Long> state() throws Exception {
        return store.getListState(new ListStateDescriptor<>(NAME, Types.LONG));
    }

    private List<Long> stored() throws Exception {
        List<Long> out = new ArrayList<>();
        state().get().forEach(out::add);
        return out;
    }
}
