package io.fleetstream.jobs.simulator;

import java.util.Map;

/**
 * One reading the simulator generated, with how it was delivered: what a pipeline test needs to compute the expected
 * results on its own. Readings a silent device never took do not exist.
 */
public final class SimulatedReading {

    private final int device;
    private final String deviceId;
    private final String deviceGroup;
    private final DeviceKind kind;
    private final long round;
    private final long timestamp;
    private final long seq;
    private final Map<String, Double> metrics;
    private final Malformation malformation;
    private final boolean bundled;
    private final long deliveryRound;
    private final long duplicateDeliveryRound;

    SimulatedReading(int device, String deviceId, String deviceGroup, DeviceKind kind, long round, long timestamp, long seq,
            Map<String, Double> metrics, Malformation malformation, boolean bundled, long deliveryRound,
            long duplicateDeliveryRound) {
        this.device = device;
        this.deviceId = deviceId;
        this.deviceGroup = deviceGroup;
        this.kind = kind;
        this.round = round;
        this.timestamp = timestamp;
        this.seq = seq;
        this.metrics = metrics;
        this.malformation = malformation;
        this.bundled = bundled;
        this.deliveryRound = deliveryRound;
        this.duplicateDeliveryRound = duplicateDeliveryRound;
    }

    public int device() {
        return device;
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

    /** The round the reading was taken in. */
    public long round() {
        return round;
    }

    /** Event time, epoch ms (ISO devices write the same instant as a string). */
    public long timestamp() {
        return timestamp;
    }

    public long seq() {
        return seq;
    }

    /** Metric name to value as written (2 decimals; booleans as 1.0/0.0), in the kind's metric order. */
    public Map<String, Double> metrics() {
        return metrics;
    }

    /** False when its payload is malformed: a valid pipeline sends it to the dead letters, not to the results. */
    public boolean valid() {
        return malformation == null;
    }

    /** How its payload is broken, or null. */
    public Malformation malformation() {
        return malformation;
    }

    /** True when it travels inside an edge bundle. */
    public boolean bundled() {
        return bundled;
    }

    /** The round its payload is first delivered in (later than {@link #round()} when bundled or late). */
    public long deliveryRound() {
        return deliveryRound;
    }

    public boolean duplicated() {
        return duplicateDeliveryRound >= 0;
    }

    /** The round its payload is delivered again in, or -1. */
    public long duplicateDeliveryRound() {
        return duplicateDeliveryRound;
    }

    @Override
    public String toString() {
        return "SimulatedReading{" + deviceId + " round=" + round + " ts=" + timestamp + " seq=" + seq + " " + metrics
                + (malformation == null ? "" : " " + malformation) + (bundled ? " bundled" : "")
                + " delivered=" + deliveryRound + (duplicated() ? " again=" + duplicateDeliveryRound : "") + '}';
    }
}
