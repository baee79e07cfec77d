package io.fleetstream.operators.alarm;

import io.fleetstream.model.AlarmCommand;
import io.fleetstream.model.AlarmEvent;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Operators' commands (acknowledge, shelve, reset) on one rule's alarm, whatever it is raised over: the alarm engine
 * applies them to a device's rules and the fleet engine to a device group's fleet rules, both through here, so a
 * command means the same and reads the same on either (states, messages, who and why). The lifecycle fields live in
 * each engine's own state (a device's rule state, a group's fleet state: each its operator's layout), so the engine
 * hands over what a command reads and is told, through the callbacks, what to keep.
 */
public final class Commands {
    private Commands() {}

    /** The event of a command on the rule's active alarm, at the command's time; {@code closes}: it ends it. */
    public interface Events {
        AlarmEvent of(String state, boolean closes, String message);
    }

    /**
     * Applies {@code c}, given at {@code time}, to the alarm of rule {@code rule} if it addresses it (its rule or
     * none, its alarm's id or none). On an alarm that is not active an acknowledgement does nothing, while a shelf
     * and a reset still act on the rule (it must raise anew), without an event.
     *
     * @param alarmId the rule's active alarm's id, null when it is not active
     * @param acknowledge keeps the active alarm acknowledged
     * @param resetShelvedUntil puts the rule back to normal and off the shelf, then shelves it until the event time
     *     given ({@code RuleState.NONE}: not shelved)
     */
    public static void apply(AlarmCommand c, long time, String rule, String alarmId, boolean acknowledged,
            Events events, Runnable acknowledge, LongConsumer resetShelvedUntil, Consumer<AlarmEvent> out) {
        if ((c.rule != null && !c.rule.equals(rule)) || (c.alarmId != null && !c.alarmId.equals(alarmId))) {
            return;
        }
        boolean active = alarmId != null;
        String by = (c.user == null ? "" : " by " + c.user) + (c.note == null ? "" : ": " + c.note);
        switch (c.command) {
            case AlarmCommand.ACKNOWLEDGE:
                if (active && !acknowledged) {
                    acknowledge.run();
                    out.accept(events.of(Transitions.ACKNOWLEDGED, false, "acknowledged" + by));
                }
                break;
            case AlarmCommand.SHELVE:
                long until = time + c.shelveForMillis;
                if (active) {
                    out.accept(events.of(Transitions.SHELVED, true, "shelved until " + Instant.ofEpochMilli(until)
                            + by));
                }
                resetShelvedUntil.accept(until);
                break;
            case AlarmCommand.RESET:
                if (active) {
                    out.accept(events.of(Transitions.CLEARED, true, "reset" + by));
                }
                resetShelvedUntil.accept(RuleState.NONE);
                break;
            default:
                throw new IllegalArgumentException("unknown alarm command " + c.command);
        }
    }
}
