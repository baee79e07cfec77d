package io.fleetstream.operators.rollup;

import io.fleetstream.model.Reading;
import io.fleetstream.model.Rollup;
import java.time.Duration;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/** The rollups of a device-keyed stream: tumbling and sliding windows from one {@link SlicedRollupOperator}. */
public final class Rollups {
    private Rollups() {}

    /**
     * The uid changed with the state layout (slices instead of one window operator per window kind): the
     * {@code rollup-tumbling} and {@code rollup-sliding} state of an older savepoint is left behind
     * ({@code --allowNonRestoredState}).
     *
     * @param lateReadings where readings go whose tumbling window is past the allowed lateness; null to drop them
     *     (counted in {@code numLateRecordsDropped} only when no window at all takes them)
     */
    public static SingleOutputStreamOperator<Rollup> sliced(KeyedStream<Reading, String> byDevice,
            WindowSpec tumbling, WindowSpec sliding, Duration allowedLateness,
            @Nullable OutputTag<Reading> lateReadings) {
        return byDevice.transform("rollups " + tumbling.label() + ", " + sliding.label(),
                        TypeInformation.of(Rollup.class), operator(tumbling, sliding, allowedLateness, lateReadings))
                .uid("rollups");
    }

    public static SlicedRollupOperator operator(WindowSpec tumbling, WindowSpec sliding, Duration allowedLateness,
            @Nullable OutputTag<Reading> lateReadings) {
        return new SlicedRollupOperator(List.of(tumbling, sliding), allowedLateness, lateReadings);
    }
}
