package io.fleetstream.operators.alarm.rules;

/**
 * One rule's alarm on one device as a {@link RuleKind} sees it. A kind only says which severity level the alarm
 * should be at; the engine behind this turns that into the lifecycle event (raised, escalated, de-escalated,
 * cleared) with its id, time and values, so every kind's alarms read alike.
 */
public interface Alarm {
    /** Event time of the device's newest reading. */
    long lastSeen();

    /**
     * Moves the alarm to the rule's level {@code level} (an index into its levels, 0 for a rule without levels),
     * or clears it with -1, at event time {@code time}; {@code why} goes into the event's message. Moving to the
     * level it is at already is no transition.
     */
    void moveTo(int level, long time, String why);

    /** The rule's inputs as they stand, for messages, e.g. {@code temp_c=8.42 setpoint_c=3}. */
    String values();
}
