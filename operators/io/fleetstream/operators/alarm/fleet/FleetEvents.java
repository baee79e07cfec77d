package io.fleetstream.operators.alarm.fleet;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.operators.alarm.Transitions;
import io.fleetstream.operators.alarm.rules.Fleet;
import java.util.List;

/** The fleet alarms' lifecycle events, and the note a covered device alarm carries. */
final class FleetEvents {
    /** The kind fleet alarms carry, as the rules file names it. */
    static final String KIND = "fleet";
    /** Devices named in a fleet alarm's values; the rest are counted. */
    static final int MAX_LISTED = 100;

    private FleetEvents() {}

    static AlarmEvent raised(String group, Fleet f, FleetState s, long t, int seen) {
        return event(group, f, s, Transitions.RAISED, t, null, described(f, f.of + " active at once on "
                + on(f, s, seen) + " (raised at " + f.describeRaise() + ")"));
    }

    static AlarmEvent cleared(String group, Fleet f, FleetState s, long t, int seen) {
        return event(group, f, s, Transitions.CLEARED, t, t, described(f, "cleared: " + f.of + " active on "
                + on(f, s, seen) + ", fewer than " + f.describeClear()));
    }

    /** An operator's command on the active fleet alarm, its message as a device alarm's (who and why). */
    static AlarmEvent command(String group, Fleet f, FleetState s, String state, long t, boolean closes,
            String message) {
        return event(group, f, s, state, t, closes ? t : null, message);
    }

    private static String described(Fleet f, String why) {
        return f.description == null ? why : f.description + ": " + why;
    }

    private static String on(Fleet f, FleetState s, int seen) {
        return s.active.length + (f.byShare() ? " of the " + seen + " devices seen" : " devices");
    }

    private static AlarmEvent event(String group, Fleet f, FleetState s, String state, long t, Long clearedAt,
            String message) {
        AlarmEvent e = new AlarmEvent();
        e.alarmId = s.alarmId;
        e.deviceId = "";
        e.deviceGroup = group;
        e.rule = f.rule;
        e.kind = KIND;
        e.severity = f.severity.name();
        e.state = state;
        e.eventTime = t;
        e.raisedAt = s.raisedAt;
        e.clearedAt = clearedAt;
        e.values = values(s.active);
        e.message = message;
        return e;
    }

    /** E.g. {@code devices=3: reefer-01 reefer-02 reefer-07}. */
    static String values(String[] devices) {
        StringBuilder b = new StringBuilder("devices=").append(devices.length).append(':');
        for (int i = 0; i < Math.min(devices.length, MAX_LISTED); i++) {
            b.append(' ').append(devices[i]);
        }
        if (devices.length > MAX_LISTED) {
            b.append(" and ").append(devices.length - MAX_LISTED).append(" more");
        }
        return b.toString();
    }

    /**
     * A device's alarm event of a rule the group's fleet rules count, as it goes out: with a note naming each fleet
     * alarm active at its time, a copy; else as it came.
     */
    static AlarmEvent covered(AlarmEvent e, List<Fleet> rules, FleetState[] states) {
        StringBuilder note = new StringBuilder();
        for (int r = 0; r < rules.size(); r++) {
            if (rules.get(r).of.equals(e.rule) && states[r].raised()) {
                note.append(note.length() == 0 ? " (covered by fleet alarm " : ", ").append(states[r].alarmId)
                        .append(" of ").append(rules.get(r).rule);
            }
        }
        if (note.length() == 0) {
            return e;
        }
        AlarmEvent c = copy(e);
        c.message = (e.message == null ? "" : e.message) + note.append(')');
        return c;
    }

    private static AlarmEvent copy(AlarmEvent e) {
        AlarmEvent c = new AlarmEvent();
        c.alarmId = e.alarmId;
        c.deviceId = e.deviceId;
        c.deviceGroup = e.deviceGroup;
        c.rule = e.rule;
        c.kind = e.kind;
        c.severity = e.severity;
        c.state = e.state;
        c.eventTime = e.eventTime;
        c.raisedAt = e.raisedAt;
        c.clearedAt = e.clearedAt;
        c.values = e.values;
        c.message = e.message;
        return c;
    }
}
