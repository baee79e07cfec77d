package io.fleetstream.operators.state;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.model.DeviceState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Keeps {@link DeviceState#activeAlarms} in step with alarm lifecycle events. */
final class ActiveAlarms {
    private ActiveAlarms() {}

    /** @return whether the device's active alarms or its online status changed */
    static boolean apply(DeviceState s, AlarmEvent a) {
        boolean changed = false;
        if (AlarmEvent.OFFLINE_KIND.equals(a.kind)) {
            boolean online = a.clearedAt != null;
            changed = s.online != online;
            s.online = online;
        }
        return updateList(s, a) || changed;
    }

    private static boolean updateList(DeviceState s, AlarmEvent a) {
        List<String> alarms = new ArrayList<>(Arrays.asList(s.activeAlarms));
        String prefix = a.rule + "=";
        int at = -1;
        for (int i = 0; i < alarms.size(); i++) {
            if (alarms.get(i).startsWith(prefix)) {
                at = i;
            }
        }
        String entry = prefix + a.severity;
        if (a.clearedAt != null) {
            // CLEARED, or SHELVED: either way the alarm is no longer active.
            if (at < 0) {
                return false;
            }
            alarms.remove(at);
        } else if (at < 0) {
            alarms.add(entry);
        } else if (!alarms.get(at).equals(entry)) {
            alarms.set(at, entry);
        } else {
            return false;
        }
        s.activeAlarms = alarms.toArray(new String[0]);
        return true;
    }
}
