package io.fleetstream.operators.alarm.fleet;

import static io.fleetstream.operators.alarm.RuleState.NONE;

/**
 * One fleet rule's state in one device group. Its fields are the fleet operator's state layout (uid
 * {@code fleet-alarms-v2}: the acknowledgement and the shelf came with operators' commands).
 */
public class FleetState {
    public String rule;
    /** Devices of the group with an active alarm of the rule's {@code of}, sorted by id. */
    public String[] active = new String[0];
    /** The fleet alarm while it is active, else null. */
    public String alarmId;
    public long raisedAt = NONE;
    /** Since when the active devices have been below the clear level while the alarm is active; NONE if not. */
    public long belowSince = NONE;
    /** The active alarm was acknowledged. */
    public boolean acknowledged;
    /** Event time until which the rule is shelved: nothing raised, its devices still counted; NONE when not. */
    public long shelvedUntil = NONE;

    public FleetState() {}

    boolean raised() {
        return alarmId != null;
    }

    /**
     * No alarm, shelved until {@code until} (NONE: not shelved); the devices counted stay, as they are the group's
     * facts, not the alarm's.
     */
    void resetShelvedUntil(long until) {
        alarmId = null;
        raisedAt = NONE;
        belowSince = NONE;
        acknowledged = false;
        shelvedUntil = until;
    }
}
