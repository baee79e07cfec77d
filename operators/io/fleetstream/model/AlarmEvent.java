package io.fleetstream.model;

/**
 * A transition in an alarm's lifecycle (RAISED, ESCALATED, DEESCALATED, ACKNOWLEDGED, SHELVED, CLEARED). Times are
 * event times.
 */
public class AlarmEvent {
    /** The {@link #kind} of rules that say a device stopped reporting. */
    public static final String OFFLINE_KIND = "offline";

    /** Stable for a device, rule and raise time, so a replay produces the same id. */
    public String alarmId;
    public String deviceId;
    public String deviceGroup;
    public String rule;
    /** The rule's kind as the rules file names it: threshold, compound, deviation, held, rate, stuck, offline, ... */
    public String kind;
    public String severity;
    public String state;
    public long eventTime;
    public long raisedAt;
    /** Set when the transition ends the alarm (CLEARED, SHELVED); null while it is active. */
    public Long clearedAt;
    /** The rule's inputs at the transition, e.g. {@code temp_c=8.42 setpoint_c=3.0}. */
    public String values;
    public String message;

    public AlarmEvent() {}

    @Override
    public String toString() {
        return "AlarmEvent{" + state + ' ' + rule + ' ' + severity + ' ' + deviceId + '@' + eventTime + " raised="
                + raisedAt + " cleared=" + clearedAt + " id=" + alarmId + " (" + message + ")}";
    }
}
