package io.fleetstream.operators.alarm.rules;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What Flink CEP runs for one {@code sequence} rule: its steps in order, each a condition on a metric's last known
 * value met by a later reading than the step before, all within {@link #withinMillis} of the first step's reading.
 * With {@link #lastAbsent} the last step is one that must not be met: the sequence completes when the window passes
 * without it. The alarm's lifecycle stays with the alarm engine ({@code SequenceKind}); this is the detection half.
 */
public final class Sequence implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The rule's name: the CEP operator's uid is made from it, so it stays stable while the rule does. */
    public final String rule;
    public final List<String> groups;
    public final List<Condition> steps;
    public final boolean lastAbsent;
    public final long withinMillis;

    Sequence(String rule, List<String> groups, List<Condition> steps, boolean lastAbsent, long withinMillis) {
        this.rule = rule;
        this.groups = List.copyOf(groups);
        this.steps = List.copyOf(steps);
        this.lastAbsent = lastAbsent;
        this.withinMillis = withinMillis;
    }

    /** The sequences of a rule set, in file order. */
    public static List<Sequence> in(RuleSet rules) {
        List<Sequence> out = new ArrayList<>();
        for (AlarmRule r : rules.rules()) {
            if (r.ruleKind() instanceof SequenceKind) {
                out.add(((SequenceKind) r.ruleKind()).sequence());
            }
        }
        return out;
    }

    /** Whether the rule applies to devices of {@code deviceGroup} (its {@code groups} globs). */
    public boolean appliesTo(String deviceGroup) {
        return AlarmRule.matches(groups, deviceGroup);
    }

    /** The last step, the one whose reading completes the sequence (or whose absence does). */
    public Condition last() {
        return steps.get(steps.size() - 1);
    }
}
