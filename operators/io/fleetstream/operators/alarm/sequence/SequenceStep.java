package io.fleetstream.operators.alarm.sequence;

/**
 * A reading as one sequence rule's CEP pattern sees it: which of the rule's steps its metrics' last known values
 * meet, and those values. Only readings that meet some step are sent (the others can neither advance nor break a
 * partial match). A POJO, on Flink's own serializer.
 */
public class SequenceStep {
    public String deviceId;
    public String rule;
    public long eventTime;
    /** Bit {@code i}: step {@code i} holds. */
    public int holds;
    /** Per step: the last known value of its metric (NaN when never reported). */
    public double[] values;

    public SequenceStep() {}

    public SequenceStep(String deviceId, String rule, long eventTime, int holds, double[] values) {
        this.deviceId = deviceId;
        this.rule = rule;
        this.eventTime = eventTime;
        this.holds = holds;
        this.values = values;
    }

    public boolean holds(int step) {
        return (holds & (1 << step)) != 0;
    }

    @Override
    public String toString() {
        return deviceId + "@" + eventTime + " " + rule + " holds=" + Integer.toBinaryString(holds);
    }
}
