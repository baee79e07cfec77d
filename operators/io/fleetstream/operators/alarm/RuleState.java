package io.fleetstream.operators.alarm;

/**
 * One rule's state for one device. The alarm's lifecycle (its level, identity, acknowledgement and shelf) is the
 * engine's; the rest belongs to the rule's kind ({@code RuleKind.init} says which fields it uses, and the others stay
 * null): for the kinds with severity levels, which levels are active, since when their raise or clear conditions
 * have held, and the inputs their signals need (the latest and previous value of each metric the rule reads, and for
 * windowed signals the values within the longest window); for anomaly bursts, the anomalies' times. A POJO, so
 * Flink serializes it without Kryo; its fields are the operator's state layout (uid {@code alarms-v2}).
 */
public class RuleState {
    public static final long NONE = Long.MIN_VALUE;

    public String rule;
    /** Index of the level the alarm stands at; -1 when it is not active. */
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

    public boolean active() {
        return activeLevel >= 0;
    }
}
