package io.fleetstream.operators.alarm;

/** Everything the alarm operator keeps for one device, in one value so RocksDB reads it once per timer. */
public class DeviceAlarms {
    public String deviceId;
    public String deviceGroup;
    /** Event time up to which inputs and deadlines have been applied; inputs older than this are too late. */
    public long clock = RuleState.NONE;
    /** Event time of the newest reading applied. */
    public long lastSeen = RuleState.NONE;
    /** Parallel to the rules of the device's group. */
    public RuleState[] rules;
    /** The one event-time timer registered for this device, or NONE. */
    public long timer = RuleState.NONE;
    /** The one processing-time timer (offline fallback), or NONE. */
    public long processingTimer = RuleState.NONE;

    public DeviceAlarms() {}
}
