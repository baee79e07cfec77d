package io.fleetstream.operators.alarm.fleet;

import io.fleetstream.model.AlarmCommand;
import io.fleetstream.model.AlarmEvent;

/**
 * The fleet operator's input, keyed by device group: a per-device alarm event of a rule some fleet rule counts, a
 * device's note that it reported within a minute of event time (for share rules), or an operator's command on the
 * group's fleet alarms. One type, so all wait for the watermark in one buffer. Its fields are part of the fleet
 * operator's state layout (uid {@code fleet-alarms-v2}: the command came with it).
 */
public class FleetInput {
    public String deviceGroup;
    /** Null for a command: it addresses the group. */
    public String deviceId;
    public long eventTime;
    /** Null for a device seen and a command. */
    public AlarmEvent alarm;
    /** Null but for an operator's command (its {@code deviceId} null). */
    public AlarmCommand command;

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

    /** An operator's command on the fleet alarms of {@code deviceGroup}, given at its event time. */
    public static FleetInput command(String deviceGroup, AlarmCommand c) {
        FleetInput in = new FleetInput();
        in.deviceGroup = deviceGroup;
        in.eventTime = c.eventTime;
        in.command = c;
        return in;
    }
}
