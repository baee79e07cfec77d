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

    DeviceModel(String[] metrics, double[] last, long lastTime, long expiryTimer, AnomalyDetector detector,
            Normalizer normalizer) {
        this.metrics = metrics;
        this.last = last;
        this.lastTime = lastTime;
        this.expiryTimer = expiryTimer;
        this.detector = detector;
        this.normalizer = normalizer;
    }

    /** About how many bytes the decoded model holds on the heap. */
    long heapBytes() {
        return 64 + detector.heapBytes() + 40L * metrics.length + 8L * 3 * last.length;
    }

    /**
     * What the operator's cache counts for this model: its heap bytes and a map entry, its key and some bookkeeping,
     * so many small models are not under-budgeted.
     */
    static long cacheWeight(DeviceModel m) {
        return 160 + m.heapBytes();
    }
}
