package io.fleetstream.operators.anomaly;

import io.fleetstream.anomaly.AnomalyDetector;

/**
 * One device's anomaly model in keyed state: which metrics it reads (fixed when the model is created), the last
 * value of each (a reading that lacks a metric carries the last one forward), and the detector.
 */
public final class DeviceModel {
    String[] metrics;
    double[] last;
    /** Event time of the last reading the model processed; readings are fed in event-time order. */
    long lastTime;
    /** Event time of the pending expiry check. */
    long expiryTimer;
    AnomalyDetector detector;
    /** Running mean and variance of each metric, to put metrics of different units on one scale. */
    final Normalizer normalizer;
    /**
     * Why the stored detector could not be decoded (it is then null, and {@link #unreadableBytes} holds what was
     * stored); null for a usable model. Not an exception from the serializer: the heap backend decodes every
     * model while it restores, and one corrupt model would fail the restore, and the job, at every restart.
     */
    final String unreadable;
    final byte[] unreadableBytes;

    DeviceModel(String[] metrics, double[] last, long lastTime, long expiryTimer, AnomalyDetector detector,
            Normalizer normalizer) {
        this(metrics, last, lastTime, expiryTimer, detector, normalizer, null, null);
    }

    private DeviceModel(String[] metrics, double[] last, long lastTime, long expiryTimer, AnomalyDetector detector,
            Normalizer normalizer, String unreadable, byte[] unreadableBytes) {
        this.metrics = metrics;
        this.last = last;
        this.lastTime = lastTime;
        this.expiryTimer = expiryTimer;
        this.detector = detector;
        this.normalizer = normalizer;
        this.unreadable = unreadable;
        this.unreadableBytes = unreadableBytes;
    }

    /**
     * A model whose detector bytes this build cannot decode, kept as stored (and written back so, should a
     * checkpoint come first) until the operator resets it at its first use.
     */
    static DeviceModel unreadable(String[] metrics, double[] last, long lastTime, long expiryTimer,
            Normalizer normalizer, byte[] stored, String why) {
        return new DeviceModel(metrics, last, lastTime, expiryTimer, null, normalizer, why, stored);
    }

    /** About how many bytes the decoded model holds on the heap. */
    long heapBytes() {
        long model = detector != null ? detector.heapBytes() : unreadableBytes.length;
        return 64 + model + 40L * metrics.length + 8L * 3 * last.length;
    }

    /**
     * What the operator's cache counts for this model: its heap bytes and a map entry, its key and some bookkeeping,
     * so many small models are not under-budgeted.
     */
    static long cacheWeight(DeviceModel m) {
        return 160 + m.heapBytes();
    }
}
