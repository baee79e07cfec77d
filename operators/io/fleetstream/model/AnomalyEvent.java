package io.fleetstream.model;

/** An anomaly score for one device at one event time, with each metric's share of the score. */
public class AnomalyEvent {
    public String deviceId;
    public String deviceGroup;
    public long eventTime;
    public double score;
    /** In [0, 1]; events are emitted only when it is above zero. */
    public double grade;
    public String[] attributionMetrics;
    public double[] attributionShares;

    public AnomalyEvent() {}
}
