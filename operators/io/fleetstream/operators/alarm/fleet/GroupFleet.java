package io.fleetstream.operators.alarm.fleet;

import static io.fleetstream.operators.alarm.RuleState.NONE;

/**
 * Everything the fleet operator keeps for one device group, in one value (cached decoded on RocksDB). Sorted arrays
 * rather than collections: Flink serializes them without Kryo, and a group's devices are looked up by binary search.
 */
public class GroupFleet {
    public String group;
    /** Event time up to which inputs and deadlines were applied; a later input behind it applies at it. */
    public long clock = NONE;
    /** The one event-time timer registered for the group, or NONE. */
    public long timer = NONE;
    /** Devices seen (share rules only), sorted by id. */
    public String[] seenDevices = new String[0];
    /** Parallel to {@link #seenDevices}: the start of the newest minute each reported in. */
    public long[] seenMinutes = new long[0];
    /** Parallel to the fleet rules of the group. */
    public FleetState[] rules = new FleetState[0];

    public GroupFleet() {}
}
