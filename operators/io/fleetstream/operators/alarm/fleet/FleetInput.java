package io.fleetstream.operators.alarm.fleet;

import io.fleetstream.model.AlarmEvent;

/**
 * The fleet operator's input, keyed by device group: a per-device alarm event of a rule some fleet rule counts, or a
 * device's note that it reported within a minute of event time (for share rules). One type, so both wait for the
 * watermark in one buffer. Its fields are part of the fleet operator's state layout (uid {@code fleet-alarms}).
 */
public class FleetInput {
    public String deviceGroup;
    public String deviceId;
    public long eventTime;
    /** Null for a device seen. */
    public AlarmEvent alarm;

    public FleetInput() {}

    public static FleetInput alarm(AlarmEvent e) {
        FleetInput in = new FleetInput();
        in.deviceGroup = e.deviceGroup;
        in.deviceId = e.deviceId;
        in.eventTime = e.eventTime;
        in.alarm = e;
        return in;
    }

    /** The device reported at {@code eventTime}, its first reading in that minute. */
    public static FleetInput seen(String deviceId, String deviceGroup, long eventTime) {
        FleetInput in = new FleetInput();
        in.deviceGroup = deviceGroup;
        in.deviceId = deviceId;
        in.eventTime = eventTime;
        return in;
    }
}
