package io.fleetstream.operators.alarm.fleet;

import static io.fleetstream.operators.alarm.RuleState.NONE;

/** One fleet rule's state in one device group. */
public class FleetState {
    public String rule;
    /** Devices of the group with an active alarm of the rule's {@code of}, sorted by id. */
    public String[] active = new String[0];
    /** The fleet alarm while it is active, else null. */
    public String alarmId;
    public long raisedAt = NONE;
    /** Since when the active devices have been below the clear level while the alarm is active; NONE if not. */
    public long belowSince = NONE;

    public FleetState() {}

    boolean raised() {
        return alarmId != null;
    }
}
