package io.fleetstream.operators.alarm.rules;

import static io.fleetstream.operators.alarm.rules.RuleKeys.COMMON;
import static io.fleetstream.operators.alarm.rules.RuleKeys.build;
import static io.fleetstream.operators.alarm.rules.RuleKeys.keys;
import static io.fleetstream.operators.alarm.rules.RuleKeys.millis;
import static io.fleetstream.operators.alarm.rules.RuleKeys.severity;

import io.fleetstream.operators.alarm.RuleState;
import java.util.List;
import java.util.Map;

/**
 * {@code fleet}: a rule over a device group rather than a device, raised when at least {@code count} of the group's
 * devices (or {@code share} of those seen within {@code window}) have an active alarm of rule {@code of} at once,
 * cleared when that has stayed below {@code clear-below} ({@code clear-share}; default the raise level) for
 * {@code clear-for}. Keys: {@code of}, {@code count|share}, {@code [window]} (required with share, only with it),
 * {@code [clear-below|clear-share]}, {@code [clear-for]}, {@code [severity]}.
 *
 * <p>Decided by the fleet operator (keyed by device group, {@code operators.alarm.fleet}) from the per-device alarm
 * events; the alarm engine never sees these rules ({@link #perDevice()} is false), so the methods it would call do
 * nothing.
 */
final class FleetKind implements RuleKind {
    private static final long serialVersionUID = 1L;

    /** Null in the registry's instance, which only reads rules; each rule carries an instance of its own. */
    private final Fleet fleet;

    FleetKind() {
        this(null);
    }

    private FleetKind(Fleet fleet) {
        this.fleet = fleet;
    }

    Fleet fleet() {
        return fleet;
    }

    @Override
    public String name() {
        return "fleet";
    }

    @Override
    public boolean perDevice() {
        return false;
    }

    @Override
    public List<AlarmRule> parse(RuleNode rule, RuleHead head) {
        rule.map(keys(COMMON, List.of("of", "count", "share", "window", "clear-below", "clear-share", "clear-for",
                "severity")));
        String of = rule.require("of").text();
        boolean byShare = "share".equals(rule.oneOf("count", "share"));
        int count = 0;
        double share = 0;
        long window = 0;
        double clear;
        if (byShare) {
            share = fraction(rule.get("share"));
            window = rule.require("window").positiveMillis();
            if (window < Fleet.SEEN_SLICE_MILLIS) {
                throw rule.get("window").error("must be at least 1m: devices seen are known to the minute");
            }
            if (rule.has("clear-below")) {
                throw rule.get("clear-below").error("goes with count; with share, clear-share");
            }
            clear = rule.has("clear-share") ? fraction(rule.get("clear-share")) : share;
            if (clear > share) {
                throw rule.get("clear-share").error("must not be above share (" + Conditions.number(share)
                        + "): the alarm would clear as it is raised");
            }
        } else {
            count = rule.get("count").integer();
            if (count < 1) {
                throw rule.get("count").error("must be at least 1");
            }
            if (rule.has("window")) {
                throw rule.get("window").error("goes with share: a count is of devices with an active alarm now");
            }
            if (rule.has("clear-share")) {
                throw rule.get("clear-share").error("goes with share; with count, clear-below");
            }
            clear = rule.has("clear-below") ? rule.get("clear-below").integer() : count;
            if (clear < 1 || clear > count) {
                throw rule.get("clear-below").error("must be between 1 and count (" + count + ")");
            }
        }
        long clearFor = millis(rule, "clear-for");
        Severity severity = severity(rule);
        FleetKind kind = new FleetKind(new Fleet(head.name, head.groups, head.description, severity, of, count, share,
                window, clear, clearFor));
        return List.of(build(rule, () -> new AlarmRule(kind, AlarmRule.Type.FLEET, head.name, head.groups,
                head.description, List.of(), severity, 0, 0, 0, 0)));
    }

    private static double fraction(RuleNode n) {
        double v = n.number();
        if (v <= 0 || v > 1) {
            throw n.error("must be above 0 and at most 1 (a share: 0.5 is half)");
        }
        return v;
    }

    /** {@code of} names a per-device rule of the same file. */
    @Override
    public void resolve(RuleNode rule, AlarmRule parsed, Map<String, AlarmRule> byName) {
        RuleNode of = rule.get("of");
        AlarmRule counted = byName.get(fleet.of);
        if (counted == null) {
            throw of.error("no rule is named '" + fleet.of + "' in this file");
        }
        if (!counted.ruleKind().perDevice()) {
            throw of.error("'" + fleet.of + "' is a " + counted.kind + " rule: a fleet rule counts per-device alarms");
        }
    }

    @Override
    public void init(AlarmRule rule, RuleState s) {}

    @Override
    public long deadline(AlarmRule rule, RuleState s, long lastSeen) {
        return Long.MAX_VALUE;
    }

    @Override
    public void onDeadline(AlarmRule rule, RuleState s, long time, Alarm alarm) {}

    @Override
    public List<String> explain(AlarmRule rule) {
        return List.of(rule.severity + ": " + fleet.of + " active at once on at least " + fleet.describeRaise()
                + " (one alarm per group); clear when on fewer than " + fleet.describeClear() + "; its devices' "
                + fleet.of + " alarms are marked covered meanwhile");
    }
}
