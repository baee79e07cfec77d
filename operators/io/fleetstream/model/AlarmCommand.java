package io.fleetstream.model;

/**
 * An operator's command on a device's alarms, from the optional control stream: ACKNOWLEDGE, SHELVE (for a
 * duration) or RESET, for one alarm ({@link #alarmId}), one rule ({@link #rule}) or every alarm of the device (both
 * null). Applied in event-time order with the device's readings.
 */
public class AlarmCommand {
    public static final String ACKNOWLEDGE = "ACKNOWLEDGE";
    public static final String SHELVE = "SHELVE";
    public static final String RESET = "RESET";

    public String command;
    public String deviceId;
    /** Null: every rule of the device (or the one {@link #alarmId} names). */
    public String rule;
    /** Null: every alarm of the rule(s). */
    public String alarmId;
    /** When the command was given, epoch ms. */
    public long eventTime;
    /** SHELVE only: how long the rule stays shelved. */
    public long shelveForMillis;
    public String user;
    public String note;
    /** Where the command came from, e.g. {@code kafka:alarm-control/0@12}. */
    public String source;

    public AlarmCommand() {}

    @Override
    public String toString() {
        return "AlarmCommand{" + command + ' ' + deviceId + (rule == null ? "" : " rule=" + rule)
                + (alarmId == null ? "" : " alarm=" + alarmId) + " @" + eventTime + '}';
    }
}
