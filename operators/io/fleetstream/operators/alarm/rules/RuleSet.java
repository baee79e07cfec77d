package io.fleetstream.operators.alarm.rules;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The alarm rules of a job, with a cached lookup of the rules that apply to a device group. */
public final class RuleSet implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<AlarmRule> rules;
    private transient Map<String, List<AlarmRule>> byGroup;
    private transient Map<String, List<AlarmRule>> perDeviceByGroup;

    public RuleSet(List<AlarmRule> rules) {
        this.rules = List.copyOf(rules);
        Set<String> names = new HashSet<>();
        for (AlarmRule r : this.rules) {
            if (!names.add(r.name)) {
                throw new IllegalArgumentException("two rules are named '" + r.name + "': rule names must be unique");
            }
        }
    }

    public static RuleSet of(AlarmRule... rules) {
        return new RuleSet(List.of(rules));
    }

    public List<AlarmRule> rules() {
        return rules;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The rules for a device group, in file order; the same list instance for every call with that group. */
    public List<AlarmRule> forGroup(String deviceGroup) {
        if (byGroup == null) {
            byGroup = new HashMap<>();
        }
        return byGroup.computeIfAbsent(deviceGroup, g -> matching(g, false));
    }

    /**
     * The rules the alarm engine evaluates for each device of a group: {@link #forGroup} less the rules over the
     * group as a whole ({@code fleet}). The same list instance for every call with that group.
     */
    public List<AlarmRule> perDevice(String deviceGroup) {
        if (perDeviceByGroup == null) {
            perDeviceByGroup = new HashMap<>();
        }
        return perDeviceByGroup.computeIfAbsent(deviceGroup, g -> matching(g, true));
    }

    private List<AlarmRule> matching(String group, boolean perDeviceOnly) {
        List<AlarmRule> matching = new ArrayList<>();
        for (AlarmRule r : rules) {
            if (r.appliesTo(group) && (!perDeviceOnly || r.ruleKind().perDevice())) {
                matching.add(r);
            }
        }
        return List.copyOf(matching);
    }

    public boolean usesAnomalies() {
        return rules.stream().anyMatch(r -> r.ruleKind().readsAnomalies());
    }

    @Override
    public String toString() {
        return rules.toString();
    }
}
