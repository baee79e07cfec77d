package io.fleetstream.operators.alarm;

/**
 * One rule's state for one device: which levels are active, since when their raise or clear conditions have held,
 * the alarm's identity while it is active, and the inputs its signals need (the latest and previous value of each
 * metric the rule reads, and for windowed signals the values within the longest window). A POJO, so Flink
 * serializes it without Kryo.
 */
public class RuleState {
    public static final long NONE = Long.MIN_VALUE;

    public String rule;
    /** Index of the highest active level; -1 when the alarm is not active. */
    public int activeLevel = -1;
    public boolean[] levelActive;
    public long[] raiseSince;
    public long[] clearSince;
    public String alarmId;
    public long raisedAt = NONE;
    /** Per metric of {@code AlarmRule.metrics()}; NaN until the device first reports it. */
    public double[] last;
    public double[] previous;
    /** Windowed history, oldest first: event time, metric index, value. */
    public long[] historyTimes;
    public int[] historyMetrics;
    public double[] historyValues;
    /** The active alarm was acknowledged (reset by an escalation, which needs fresh attention). */
    public boolean acknowledged;
    /** Event time until which the rule is shelved: not evaluated, nothing raised; NONE when not shelved. */
    public long shelvedUntil = NONE;
    /** Anomaly-burst rules: event times of the anomalies within the window, oldest first. */
    public long[] anomalyTimes;

    public RuleState() {}

    boolean active() {
        return activeLevel >= 0;
    }
}
