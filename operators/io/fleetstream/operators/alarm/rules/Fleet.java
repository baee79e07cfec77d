package io.fleetstream.operators.alarm.rules;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What the fleet operator runs for one {@code fleet} rule: raised for a device group when enough of its devices have
 * an active alarm of rule {@link #of} at once (at least {@link #count}, or {@link #share} of the devices seen within
 * {@link #windowMillis}), cleared once that has stayed below the clear level for {@link #clearForMillis}. The
 * per-device alarms it counts are the alarm engine's; this is the group half, decided by the fleet operator.
 */
public final class Fleet implements Serializable {
    private static final long serialVersionUID = 1L;
    /**
     * "Seen within the window" is known to the minute: the alarm operator says once per device and minute of event
     * time that the device reported, which is cheap to send to a group-keyed operator where every reading is not.
     */
    public static final long SEEN_SLICE_MILLIS = 60_000;

    public final String rule;
    public final List<String> groups;
    public final String description;
    public final Severity severity;
    /** The per-device rule whose active alarms are counted. */
    public final String of;
    /** Devices that raise; 0 when {@link #share} does. */
    public final int count;
    /** Share of the devices seen within the window that raises; 0 when {@link #count} does. */
    public final double share;
    /** For a share: how recently a device must have reported to count among the group's devices. */
    public final long windowMillis;
    /** Clears below this many devices (count rules) or this share (share rules). */
    public final double clearLevel;
    public final long clearForMillis;

    Fleet(String rule, List<String> groups, String description, Severity severity, String of, int count,
            double share, long windowMillis, double clearLevel, long clearForMillis) {
        this.rule = rule;
        this.groups = List.copyOf(groups);
        this.description = description;
        this.severity = severity;
        this.of = of;
        this.count = count;
        this.share = share;
        this.windowMillis = windowMillis;
        this.clearLevel = clearLevel;
        this.clearForMillis = clearForMillis;
    }

    /** The fleet rules of a rule set, in file order. */
    public static List<Fleet> in(RuleSet rules) {
        List<Fleet> out = new ArrayList<>();
        for (AlarmRule r : rules.rules()) {
            if (r.ruleKind() instanceof FleetKind) {
                out.add(((FleetKind) r.ruleKind()).fleet());
            }
        }
        return out;
    }

    public boolean appliesTo(String deviceGroup) {
        return AlarmRule.matches(groups, deviceGroup);
    }

    public boolean byShare() {
        return share > 0;
    }

    /** Devices with an active alarm that raise, among {@code seen} devices (a share rounds up, at least one). */
    public int raiseAt(int seen) {
        return byShare() ? atLeast(share, seen) : count;
    }

    /** Fewer active alarms than this, for {@link #clearForMillis}, clear. */
    public int clearBelow(int seen) {
        return byShare() ? atLeast(clearLevel, seen) : (int) clearLevel;
    }

    private static int atLeast(double share, int seen) {
        // the tolerance keeps 0.3 of 10 at 3, not 4 from 3.0000000000000004
        return Math.max(1, (int) Math.ceil(share * seen - 1e-9));
    }

    /** What raises, for messages: e.g. {@code 20 devices} or {@code 50% of the devices seen within 1h}. */
    public String describeRaise() {
        return level(byShare() ? share : count);
    }

    /** What clears, for messages: e.g. {@code 5 devices for 5m}. */
    public String describeClear() {
        return level(clearLevel) + Conditions.forDuration(clearForMillis);
    }

    /** E.g. {@code 20 devices} or {@code 50% of the devices seen within 1h}. */
    String level(double level) {
        return byShare() ? Conditions.number(level * 100) + "% of the devices seen within "
                + Conditions.duration(windowMillis) : Conditions.number(level) + " devices";
    }
}
