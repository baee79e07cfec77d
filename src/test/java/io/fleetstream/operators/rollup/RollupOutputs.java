package io.fleetstream.operators.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fleetstream.model.Reading;
import io.fleetstream.model.Rollup;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/** Outputs of two rollup runs compared as multisets, order within a step being free. */
final class RollupOutputs {
    private RollupOutputs() {}

    /**
     * Every field equal, and the record timestamp; sum, mean and stddev within {@code tolerance} relative, since
     * merging slices associates the sums differently from adding readings one by one (0 asks for bit equality).
     */
    static void assertSameRollups(String context, List<StreamRecord<Rollup>> expected,
            List<StreamRecord<Rollup>> actual, double tolerance) {
        List<StreamRecord<Rollup>> e = sorted(expected);
        List<StreamRecord<Rollup>> a = sorted(actual);
        assertThat(a.stream().map(RollupOutputs::exactPart).collect(Collectors.toList())).as(context)
                .containsExactlyElementsOf(e.stream().map(RollupOutputs::exactPart).collect(Collectors.toList()));
        for (int i = 0; i < e.size(); i++) {
            Rollup x = e.get(i).getValue();
            Rollup y = a.get(i).getValue();
            String what = context + ": " + x;
            assertThat(y.sum).as(what + " sum").isCloseTo(x.sum, within(tolerance * Math.max(1, Math.abs(x.sum))));
            assertThat(y.mean).as(what + " mean").isCloseTo(x.mean, within(tolerance * Math.max(1, Math.abs(x.mean))));
            if (x.stddev != null) {
                assertThat(y.stddev).as(what + " stddev")
                        .isCloseTo(x.stddev, within(tolerance * Math.max(1, Math.abs(x.stddev))));
            }
        }
    }

    static void assertSameReadings(String context, List<StreamRecord<Reading>> expected,
            List<StreamRecord<Reading>> actual) {
        assertThat(actual.stream().map(RollupOutputs::reading).collect(Collectors.toList())).as(context)
                .containsExactlyInAnyOrderElementsOf(
                        expected.stream().map(RollupOutputs::reading).collect(Collectors.toList()));
    }

    /** A window's revision is never emitted twice. */
    static void assertRevisionsUnique(List<StreamRecord<Rollup>> all) {
        Set<String> seen = new HashSet<>();
        for (StreamRecord<Rollup> rec : all) {
            Rollup r = rec.getValue();
            assertThat(seen.add(r.deviceId + '|' + r.metric + '|' + r.windowSpec + '|' + r.windowStart + '|'
                    + r.revision)).as("emitted twice: %s", r).isTrue();
        }
    }

    private static List<StreamRecord<Rollup>> sorted(List<StreamRecord<Rollup>> rows) {
        return rows.stream().sorted(Comparator.comparing(RollupOutputs::exactPart)).collect(Collectors.toList());
    }

    private static String exactPart(StreamRecord<Rollup> rec) {
        Rollup r = rec.getValue();
        return r.deviceId + '|' + r.metric + '|' + r.windowSpec + '|' + r.windowStart + '|' + r.revision + '|'
                + r.windowEnd + '|' + r.deviceGroup + " n=" + r.count + " min=" + r.min + " max=" + r.max
                + " first=" + r.first + " last=" + r.last + " stddev=" + (r.stddev == null ? "null" : "set")
                + " @" + rec.getTimestamp();
    }

    private static String reading(StreamRecord<Reading> rec) {
        return rec.getValue() + " @" + rec.getTimestamp();
    }
}
