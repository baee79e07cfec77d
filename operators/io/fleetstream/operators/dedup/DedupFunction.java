package io.fleetstream.operators.dedup;

import io.fleetstream.model.Reading;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Drops at-least-once duplicates of a device's readings (device retries, IoT rule retries, replays). Keyed by
 * device. A reading is identified by its {@code seq} and event time when it has a seq (a device that restarts its
 * seq counter is not mistaken for a duplicate), otherwise by a hash of its event time and metrics.
 *
 * <p>Identities are remembered for {@code retention} of event time and then removed by event-time timers, so the
 * state holds only the recent past of each device. Timers are rounded up to {@link #TIMER_GRANULARITY_MS} so a
 * device has at most {@code retention / granularity + 1} of them.
 */
public class DedupFunction extends KeyedProcessFunction<String, Reading, Reading> {
    private static final long serialVersionUID = 1L;

    static final long TIMER_GRANULARITY_MS = 60_000L;

    private final long retentionMillis;

    private transient MapState<Long, Long> seen;
    private transient Counter duplicates;
    /**
     * The cleanup timer each device last registered in this subtask. Registering a timer that exists is a no-op in
     * Flink's timer service, but with RocksDB timers it is still a write; a device's readings of one minute share one
     * timer, so most registrations are skipped. Not checkpointed: after a restore the first registration of each
     * device is repeated, which changes nothing.
     */
    private transient Map<String, Long> registered;

    public DedupFunction(long retentionMillis) {
        if (retentionMillis <= 0) {
            throw new IllegalArgumentException("dedup retention must be positive");
        }
        this.retentionMillis = retentionMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        seen = getRuntimeContext().getMapState(new MapStateDescriptor<>("seen", Types.LONG, Types.LONG));
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicatesDropped");
        registered = new HashMap<>();
    }

    @Override
    public void processElement(Reading r, Context ctx, Collector<Reading> out) throws Exception {
        long id = identity(r);
        Long at = seen.get(id);
        if (at != null && at == r.eventTime) {
            duplicates.inc();
            return;
        }
        seen.put(id, r.eventTime);
        long timer = roundUp(r.eventTime + retentionMillis);
        Long last = registered.get(r.deviceId);
        if (last == null || last != timer) {
            ctx.timerService().registerEventTimeTimer(timer);
            registered.put(r.deviceId, timer);
        }
        out.collect(r);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Reading> out) throws Exception {
        // the timer is gone: a reading that needs one at this time again must register it
        registered.remove(ctx.getCurrentKey(), timestamp);
        Iterator<Map.Entry<Long, Long>> it = seen.iterator();
        while (it.hasNext()) {
            if (it.next().getValue() + retentionMillis <= timestamp) {
                it.remove();
            }
        }
        if (seen.isEmpty()) {
            // An empty map still holds a state entry on the heap backend.
            seen.clear();
        }
    }

    /** The seq when there is one, else a 64-bit hash of event time and metrics (collisions are negligible). */
    static long identity(Reading r) {
        if (r.seq != null) {
            return r.seq;
        }
        long h = 0x9E3779B97F4A7C15L ^ r.eventTime;
        for (int i = 0; i < r.metrics.length; i++) {
            h = mix(h ^ r.metrics[i].hashCode());
            h = mix(h ^ Double.doubleToLongBits(r.values[i]));
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long roundUp(long t) {
        return Math.floorDiv(t + TIMER_GRANULARITY_MS - 1, TIMER_GRANULARITY_MS) * TIMER_GRANULARITY_MS;
    }
}
