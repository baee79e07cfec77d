package io.fleetstream.operators.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.Reading;
import io.fleetstream.model.Rollup;
import io.fleetstream.operators.rollup.Rollups;
import io.fleetstream.operators.rollup.SlicedRollupOperator;
import io.fleetstream.operators.rollup.WindowSpec;
import io.fleetstream.testing.NoKryo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

/**
 * The watermark floor of an event-time operator (the sliced rollups) reaches every subtask after a rescale, as the
 * checkpoint of a job that the autoscaler restarts at another parallelism: a reading whose window was purged before
 * the checkpoint is late on every new subtask, before any watermark arrives after the restore.
 */
class WatermarkFloorRescaleTest {
    private static final int MAX_PARALLELISM = 128;
    private static final OutputTag<Reading> LATE = new OutputTag<Reading>("late-readings") {};
    private static final WindowSpec TUMBLING = WindowSpec.tumbling(Duration.ofMinutes(1));
    private static final long T0 = 1_700_000_040_000L; // on a minute: a window starts at T0
    /** Past the cleanup of the tumbling window [T0, T0 + 1m) with its 2 minutes of lateness: the window is purged. */
    private static final long PURGING_WATERMARK = T0 + 60_000 + 120_000;

    @Test
    void everySubtaskAfterAScaleUpFromTwoToFourTakesAPurgedWindowsReadingAsLate() throws Exception {
        assertEverySubtaskTakesAPurgedWindowsReadingAsLate(rescale(checkpointPastThePurge(2), 2, 4));
    }

    @Test
    void theOnlySubtaskAfterAScaleDownFromTwoToOneTakesAPurgedWindowsReadingAsLate() throws Exception {
        assertEverySubtaskTakesAPurgedWindowsReadingAsLate(rescale(checkpointPastThePurge(2), 2, 1));
    }

    @Test
    void everySubtaskAfterAScaleDownFromFourToThreeTakesAPurgedWindowsReadingAsLate() throws Exception {
        assertEverySubtaskTakesAPurgedWindowsReadingAsLate(rescale(checkpointPastThePurge(4), 4, 3));
    }

    @Test
    void everySubtaskAfterAScaleUpToTheMaxParallelismTakesAPurgedWindowsReadingAsLate() throws Exception {
        assertEverySubtaskTakesAPurgedWindowsReadingAsLate(
                rescale(checkpointPastThePurge(2), 2, MAX_PARALLELISM));
    }

    @Test
    void aFloorRestoredByARescaleReachesEverySubtaskOfTheNextRescaleWithoutANewWatermark() throws Exception {
        // the autoscaler scales up twice in a row, before the sources have sent a watermark again
        List<OperatorSubtaskState> second = new ArrayList<>();
        List<OperatorSubtaskState> first = rescale(checkpointPastThePurge(2), 2, 4);
        for (int i = 0; i < first.size(); i++) {
            try (KeyedOneInputStreamOperatorTestHarness<String, Reading, Rollup> h = subtask(4, i, first.get(i))) {
                second.add(h.snapshot(2, 2));
            }
        }
        assertEverySubtaskTakesAPurgedWindowsReadingAsLate(
                rescale(AbstractStreamOperatorTestHarness.repackageState(
                        second.toArray(new OperatorSubtaskState[0])), 4, 7));
    }

    /**
     * Runs the operator at {@code parallelism}, each subtask with a device's reading in the window that the
     * watermark then purges, and checkpoints all of them.
     */
    private static OperatorSubtaskState checkpointPastThePurge(int parallelism) throws Exception {
        OperatorSubtaskState[] subtasks = new OperatorSubtaskState[parallelism];
        for (int i = 0; i < parallelism; i++) {
            try (KeyedOneInputStreamOperatorTestHarness<String, Reading, Rollup> h = subtask(parallelism, i, null)) {
                Reading r = reading(deviceOf(i, parallelism), T0 + 30_000);
                h.processElement(r, r.eventTime);
                h.processWatermark(PURGING_WATERMARK);
                assertThat(rollups(h)).extracting(row -> row.windowSpec).contains(TUMBLING.label());
                subtasks[i] = h.snapshot(1, 1);
            }
        }
        return AbstractStreamOperatorTestHarness.repackageState(subtasks);
    }

    private static List<OperatorSubtaskState> rescale(OperatorSubtaskState checkpoint, int from, int to) {
        List<OperatorSubtaskState> out = new ArrayList<>();
        for (int i = 0; i < to; i++) {
            out.add(AbstractStreamOperatorTestHarness.repartitionOperatorState(
                    checkpoint, MAX_PARALLELISM, from, to, i));
        }
        return out;
    }

    private static void assertEverySubtaskTakesAPurgedWindowsReadingAsLate(List<OperatorSubtaskState> restored)
            throws Exception {
        int parallelism = restored.size();
        for (int i = 0; i < parallelism; i++) {
            try (KeyedOneInputStreamOperatorTestHarness<String, Reading, Rollup> h =
                    subtask(parallelism, i, restored.get(i))) {
                Reading r = reading(deviceOf(i, parallelism), T0 + 40_000);
                h.processElement(r, r.eventTime);
                String subtask = "subtask " + i + " of " + parallelism;
                assertThat(late(h)).as(subtask).containsExactly(r);
                // the purged window does not open again
                assertThat(rollups(h)).as(subtask).extracting(row -> row.windowSpec)
                        .doesNotContain(TUMBLING.label());
            }
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Reading, Rollup> subtask(int parallelism,
            int index, OperatorSubtaskState restored) throws Exception {
        SlicedRollupOperator operator = Rollups.operator(TUMBLING,
                WindowSpec.sliding(Duration.ofMinutes(5), Duration.ofMinutes(1)), Duration.ofMinutes(2), LATE);
        KeyedOneInputStreamOperatorTestHarness<String, Reading, Rollup> h =
                new KeyedOneInputStreamOperatorTestHarness<>(operator, r -> r.deviceId, Types.STRING,
                        MAX_PARALLELISM, parallelism, index);
        NoKryo.on(h.getExecutionConfig());
        h.setStateBackend(new HashMapStateBackend());
        if (restored != null) {
            h.initializeState(restored);
        }
        h.open();
        return h;
    }

    /** A device whose key group the subtask owns: a keyed subtask refuses the others' keys. */
    private static String deviceOf(int subtask, int parallelism) {
        for (int n = 0; ; n++) {
            String device = "device-" + n;
            if (KeyGroupRangeAssignment.assignKeyToParallelOperator(device, MAX_PARALLELISM, parallelism)
                    == subtask) {
                return device;
            }
        }
    }

    private static Reading reading(String device, long t) {
        return new Reading(device, "g", t, null, new String[] {"temp"}, new double[] {21.5});
    }

    private static List<Reading> late(KeyedOneInputStreamOperatorTestHarness<String, Reading, Rollup> h) {
        List<Reading> out = new ArrayList<>();
        Queue<StreamRecord<Reading>> side = h.getSideOutput(LATE);
        if (side != null) {
            side.forEach(r -> out.add(r.getValue()));
        }
        return out;
    }

    private static List<Rollup> rollups(KeyedOneInputStreamOperatorTestHarness<String, Reading, Rollup> h) {
        List<Rollup> out = new ArrayList<>();
        for (Object o = h.getOutput().poll(); o != null; o = h.getOutput().poll()) {
            if (o instanceof StreamRecord<?> r) {
                out.add((Rollup) r.getValue());
            }
        }
        return out;
    }
}
