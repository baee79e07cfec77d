package io.fleetstream.operators.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.Reading;
import io.fleetstream.model.Rollup;
import io.fleetstream.testing.NoKryo;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

/** The rollups exactly as the pipeline builds them (1m, 5m/1m, lateness 2m), driven by a harness with explicit watermarks. */
class RollupWindowTest {
    private static final long T0 = 1_763_640_000_000L; // a whole minute
    private static final OutputTag<Reading> LATE = new OutputTag<Reading>("late") {};

    private static KeyedOneInputStreamOperatorTestHarness<String, Reading, Rollup> harness() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        NoKryo.on(env.getConfig());
        SingleOutputStreamOperator<Rollup> rollups = Rollups.sliced(
                env.fromData(TypeInformation.of(Reading.class), new Reading()).keyBy(r -> r.deviceId),
                WindowSpec.tumbling(Duration.ofMinutes(1)), WindowSpec.sliding(Duration.ofMinutes(5), Duration.ofMinutes(1)),
                Duration.ofMinutes(2), LATE);
        assertThat(rollups.getTransformation().getUid()).isEqualTo("rollups");
        assertThat(rollups.getName()).isEqualTo("rollups 1m, 5m/1m");
        @SuppressWarnings("unchecked")
        OneInputTransformation<Reading, Rollup> t = (OneInputTransformation<Reading, Rollup>) rollups.getTransformation();
        KeyedOneInputStreamOperatorTestHarness<String, Reading, Rollup> h = new KeyedOneInputStreamOperatorTestHarness<>(
                (OneInputStreamOperator<Reading, Rollup>) t.getOperator(), r -> r.deviceId, Types.STRING);
        NoKryo.on(h.getExecutionConfig());
        h.open();
        return h;
    }

    private static List<Rollup> rows(KeyedOneInputStreamOperatorTestHarness<String, Reading, Rollup> h, String spec,
            String metric) {
        return h.extractOutputValues().stream().filter(r -> r.windowSpec.equals(spec) && r.metric.equals(metric))
                .collect(Collectors.toList());
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, Reading, Rollup> h, long t, double v)
            throws Exception {
        h.processElement(new Reading("d1", "g", t, null, new String[] {"temp", "fuel"}, new double[] {v, 100 - v}), t);
    }

    @Test
    void firesOneRowPerMetricWithAllAggregates() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Reading, Rollup> h = harness()) {
            send(h, T0 + 30_000, 3.0);
            send(h, T0 + 10_000, 1.0);
            send(h, T0 + 50_000, 2.0);
            h.processWatermark(T0 + 59_999);
            List<Rollup> out = h.extractOutputValues();
            assertThat(out).hasSize(4).extracting(r -> r.windowSpec).containsOnly("1m", "5m/1m");
            assertThat(rows(h, "1m", "temp")).hasSize(1);
            Rollup temp = rows(h, "1m", "temp").get(0);
            assertThat(temp.windowSpec).isEqualTo("1m");
            assertThat(temp.windowStart).isEqualTo(T0);
            assertThat(temp.windowEnd).isEqualTo(T0 + 60_000);
            assertThat(temp.count).isEqualTo(3);
            assertThat(temp.min).isEqualTo(1.0);
            assertThat(temp.max).isEqualTo(3.0);
            assertThat(temp.sum).isEqualTo(6.0);
            assertThat(temp.mean).isEqualTo(2.0);
            assertThat(temp.stddev).isEqualTo(1.0);
            assertThat(temp.first).isEqualTo(1.0);
            assertThat(temp.last).isEqualTo(2.0);
            assertThat(temp.revision).isZero();
            assertThat(temp.deviceGroup).isEqualTo("g");
        }
    }

    @Test
    void lateReadingWithinAllowedLatenessEmitsTheNextRevision() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Reading, Rollup> h = harness()) {
            send(h, T0 + 30_000, 3.0);
            h.processWatermark(T0 + 90_000);
            send(h, T0 + 40_000, 5.0);
            List<Rollup> temps = rows(h, "1m", "temp");
            assertThat(temps).extracting(r -> r.revision).containsExactly(0, 1);
            assertThat(temps.get(1).count).isEqualTo(2);
            assertThat(temps.get(1).last).isEqualTo(5.0);
            assertThat(h.getSideOutput(LATE)).isNull();
        }
    }

    @Test
    void readingLaterThanAllowedLatenessGoesToTheSideOutputAndStateIsPurged() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Reading, Rollup> h = harness()) {
            send(h, T0 + 30_000, 3.0);
            h.processWatermark(T0 + 60_000 + 120_000);
            send(h, T0 + 40_000, 5.0);
            assertThat(rows(h, "1m", "temp")).hasSize(1);
            assertThat(h.getSideOutput(LATE)).hasSize(1);

            // the last sliding window holding both readings is past its lateness too
            h.processWatermark(T0 + 300_000 + 120_000);
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            send(h, T0 + 50_000, 7.0);
            assertThat(h.getSideOutput(LATE)).hasSize(2);
            assertThat(h.numKeyedStateEntries()).isZero();
            // late for its tumbling window, the second reading still counts in the sliding windows still open
            assertThat(rows(h, "5m/1m", "temp")).filteredOn(r -> r.windowEnd == T0 + 60_000)
                    .extracting(r -> r.count).containsOnly(1L);
            assertThat(rows(h, "5m/1m", "temp")).filteredOn(r -> r.windowEnd == T0 + 300_000)
                    .extracting(r -> r.count).containsOnly(2L);
        }
    }

    @Test
    void slidingWindowsCoverEachReadingSizeOverSlideTimes() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Reading, Rollup> h = harness()) {
            send(h, T0 + 30_000, 3.0);
            h.processWatermark(T0 + 10 * 60_000);
            List<Rollup> temps = rows(h, "5m/1m", "temp");
            assertThat(temps).hasSize(5);
            assertThat(temps).allSatisfy(r -> {
                assertThat(r.windowSpec).isEqualTo("5m/1m");
                assertThat(r.windowEnd - r.windowStart).isEqualTo(300_000);
                assertThat(r.count).isEqualTo(1);
            });
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }
}
