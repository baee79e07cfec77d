package io.fleetstream.replay;

import io.fleetstream.model.Reading;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;

/**
 * Keeps the readings a replay is about: event time in {@code [from, to)}, and the devices and groups asked for
 * (empty sets keep all). Applied right after parsing, so what is left goes through the live job's operators
 * unchanged. Counts what it drops (accumulators {@link #OUTSIDE_WINDOW} and {@link #OTHER_DEVICES}).
 */
public final class ReplayFilter extends RichFilterFunction<Reading> {
    private static final long serialVersionUID = 1L;

    /** Readings read (the sources read by arrival time, with a margin) whose event time is outside the window. */
    public static final String OUTSIDE_WINDOW = "replay.outside-window";
    /** Readings of devices or groups not asked for. */
    public static final String OTHER_DEVICES = "replay.other-devices";

    private final long from;
    private final long to;
    private final TreeSet<String> devices;
    private final TreeSet<String> groups;

    private transient LongCounter outside;
    private transient LongCounter others;

    public ReplayFilter(long from, long to, Set<String> devices, Set<String> groups) {
        this.from = from;
        this.to = to;
        this.devices = new TreeSet<>(devices);
        this.groups = new TreeSet<>(groups);
    }

    @Override
    public void open(OpenContext openContext) {
        outside = getRuntimeContext().getLongCounter(OUTSIDE_WINDOW);
        others = getRuntimeContext().getLongCounter(OTHER_DEVICES);
    }

    @Override
    public boolean filter(Reading r) {
        if (r.eventTime < from || r.eventTime >= to) {
            outside.add(1L);
            return false;
        }
        if (!devices.isEmpty() && !devices.contains(r.deviceId) || !groups.isEmpty() && !groups.contains(r.deviceGroup)) {
            others.add(1L);
            return false;
        }
        return true;
    }
}
