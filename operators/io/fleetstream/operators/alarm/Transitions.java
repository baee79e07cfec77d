package io.fleetstream.operators.alarm;

import static io.fleetstream.operators.alarm.RuleState.NONE;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.operators.alarm.rules.AlarmRule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Builds alarm lifecycle events and keeps a rule's alarm identity in step with them. The states and the id scheme
 * are public: the fleet operator's alarms over device groups follow them too.
 */
public final class Transitions {
    public static final String RAISED = "RAISED";
    public static final String ESCALATED = "ESCALATED";
    public static final String DEESCALATED = "DEESCALATED";
    public static final String CLEARED = "CLEARED";
    public static final String ACKNOWLEDGED = "ACKNOWLEDGED";
    public static final String SHELVED = "SHELVED";

    private Transitions() {}

    /**
     * Moves the rule's alarm to {@code level} (-1: cleared) at event time {@code time}; the caller only calls this
     * when the level changes.
     */
    static AlarmEvent of(DeviceAlarms d, AlarmRule rule, RuleState s, int level, long time, String why) {
        String state;
        if (s.activeLevel < 0) {
            state = RAISED;
            s.raisedAt = time;
            s.alarmId = alarmId(d.deviceId, rule.name, time);
        } else if (level < 0) {
            state = CLEARED;
        } else {
            state = level > s.activeLevel ? ESCALATED : DEESCALATED;
            if (level > s.activeLevel) {
                s.acknowledged = false;
            }
        }
        AlarmEvent e = event(d, rule, s, state, level >= 0 ? level : s.activeLevel, time, level < 0,
                rule.description == null ? why : rule.description + ": " + why);
        s.activeLevel = level;
        if (level < 0) {
            s.alarmId = null;
            s.raisedAt = NONE;
            s.acknowledged = false;
        }
        return e;
    }

    /** An operator's command on the rule's active alarm (see {@link Commands}); {@code closes}: it ends it. */
    static AlarmEvent command(DeviceAlarms d, AlarmRule rule, RuleState s, String state, long time, boolean closes,
            String why) {
        return event(d, rule, s, state, s.activeLevel, time, closes, why);
    }

    private static AlarmEvent event(DeviceAlarms d, AlarmRule rule, RuleState s, String state, int level, long time,
            boolean closes, String message) {
        AlarmEvent e = new AlarmEvent();
        e.alarmId = s.alarmId;
        e.deviceId = d.deviceId;
        e.deviceGroup = d.deviceGroup;
        e.rule = rule.name;
        e.kind = rule.kind;
        e.severity = severity(rule, level);
        e.state = state;
        e.eventTime = time;
        e.raisedAt = s.raisedAt;
        e.clearedAt = closes ? time : null;
        e.values = values(rule, s);
        e.message = message;
        return e;
    }

    /**
     * Stable for device, rule and raise time, so a replay of the same input produces the same ids (a name-based
     * UUID: no randomness, no processing time).
     */
    static String alarmId(String deviceId, String rule, long raisedAt) {
        return uuid(deviceId + '\u0000' + rule + '\u0000' + raisedAt);
    }

    /**
     * The id of a device group's alarm (a fleet rule's), stable for group, rule and raise time. Its name has one
     * part more than a device's, so the two never meet even where a group and a device share a name.
     */
    public static String groupAlarmId(String deviceGroup, String rule, long raisedAt) {
        return uuid("" + '\u0000' + deviceGroup + '\u0000' + rule + '\u0000' + raisedAt);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String severity(AlarmRule rule, int level) {
        return (rule.levels.isEmpty() ? rule.severity : rule.levels.get(level).severity).name();
    }

    /** The rule's inputs as they stand, e.g. {@code temp_c=8.42 setpoint_c=3}. */
    static String values(AlarmRule rule, RuleState s) {
        List<String> metrics = rule.metrics();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < metrics.size(); i++) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(metrics.get(i)).append('=').append(s.last[i]);
        }
        return b.toString();
    }
}
