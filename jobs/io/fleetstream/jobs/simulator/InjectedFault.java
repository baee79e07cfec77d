package io.fleetstream.jobs.simulator;

import java.time.Instant;
import java.util.Objects;

/** One row of the ground truth: which device got which fault, on which metric, over which event-time window. */
public final class InjectedFault {

    private final String deviceId;
    private final String deviceGroup;
    private final DeviceKind kind;
    private final FaultType fault;
    private final String metric;
    private final long start;
    private final long end;

    public InjectedFault(String deviceId, String deviceGroup, DeviceKind kind, FaultType fault, String metric,
            long start, long end) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.deviceGroup = Objects.requireNonNull(deviceGroup, "deviceGroup");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.fault = Objects.requireNonNull(fault, "fault");
        this.metric = Objects.requireNonNull(metric, "metric");
        this.start = start;
        this.end = end;
    }

    public String deviceId() {
        return deviceId;
    }

    public String deviceGroup() {
        return deviceGroup;
    }

    public DeviceKind kind() {
        return kind;
    }

    public FaultType fault() {
        return fault;
    }

    /** The metric the fault is about; empty for {@link FaultType#DEVICE_SILENT}. */
    public String metric() {
        return metric;
    }

    /** Event time (epoch ms) of the onset. */
    public long start() {
        return start;
    }

    /**
     * Event time (epoch ms, exclusive) from which the signal is normal again, recovery included. For a spike: just
     * after the last spiked reading; for a silent device: its first reading again is at or after this.
     */
    public long end() {
        return end;
    }

    public boolean covers(long eventTime) {
        return eventTime >= start && eventTime < end;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof InjectedFault)) {
            return false;
        }
        InjectedFault f = (InjectedFault) o;
        return start == f.start && end == f.end && deviceId.equals(f.deviceId) && deviceGroup.equals(f.deviceGroup)
                && kind == f.kind && fault == f.fault && metric.equals(f.metric);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, deviceGroup, kind, fault, metric, start, end);
    }

    @Override
    public String toString() {
        return fault + " on " + deviceId + (metric.isEmpty() ? "" : "." + metric) + " [" + Instant.ofEpochMilli(start)
                + ", " + Instant.ofEpochMilli(end) + ")";
    }
}
