package io.fleetstream.operators.alarm.rules;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One alarm rule, applied to every device whose group matches one of its {@link #groups} globs ({@code *} matches
 * any run of characters). Its {@link RuleKind} ({@link #ruleKind()}) reads and evaluates it; {@link #kind} is that
 * kind's name in the rules file (threshold, compound, ...). The fields below hold what the built-in kinds need:
 *
 * <ul>
 *   <li>{@link Type#CONDITION}: severity {@link Level}s over signals of the readings (threshold, compound,
 *       deviation, held state, rate of change and stuck-value rules);
 *   <li>{@link Type#OFFLINE}: no reading for {@link #offlineAfterMillis} of event time;
 *   <li>{@link Type#ANOMALY_BURST}: at least {@link #burstCount} anomalies within {@link #burstWindowMillis};
 *   <li>{@link Type#SEQUENCE}: steps in order within a window, detected by Flink CEP (its {@link Sequence} lives in
 *       its kind's instance);
 *   <li>{@link Type#FLEET}: enough devices of a group with an active alarm of another rule at once, decided per
 *       group by the fleet operator (its {@link Fleet} lives in its kind's instance).
 * </ul>
 *
 * <p>{@link #type} says which of these a rule is, for readers; nothing evaluates by it. A kind with other
 * parameters keeps them in its own {@link RuleKind} instance, which every rule of it carries.
 */
public final class AlarmRule implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum Type {
        CONDITION, OFFLINE, ANOMALY_BURST, SEQUENCE, FLEET
    }

    public final String name;
    public final String kind;
    public final Type type;
    public final List<String> groups;
    /** Optional text put in front of every message of this rule. */
    public final String description;
    /** CONDITION rules: lowest severity first. */
    public final List<Level> levels;
    public final Severity severity;
    public final long offlineAfterMillis;
    /**
     * OFFLINE rules: when positive, also raise once this much processing time passed without any reading of the
     * device while the watermark did not advance (a whole stream gone silent). 0: event time only.
     */
    public final long processingTimeFallbackMillis;
    public final int burstCount;
    public final long burstWindowMillis;
    private final RuleKind ruleKind;

    // Derived once here: the operator asks for them on every reading.
    private final List<String> metrics;
    private final long historyMillis;

    AlarmRule(RuleKind ruleKind, Type type, String name, List<String> groups, String description, List<Level> levels,
            Severity severity, long offlineAfterMillis, long processingTimeFallbackMillis, int burstCount,
            long burstWindowMillis) {
        this.name = requireName(name);
        this.ruleKind = Objects.requireNonNull(ruleKind, "kind");
        this.kind = ruleKind.name();
        this.type = type;
        this.groups = List.copyOf(groups.isEmpty() ? List.of("*") : groups);
        this.description = description;
        List<Level> sorted = new ArrayList<>(levels);
        sorted.sort(Comparator.comparing(l -> l.severity));
        this.levels = List.copyOf(sorted);
        this.severity = severity;
        this.offlineAfterMillis = offlineAfterMillis;
        this.processingTimeFallbackMillis = processingTimeFallbackMillis;
        this.burstCount = burstCount;
        this.burstWindowMillis = burstWindowMillis;
        this.metrics = collectMetrics(this.levels, ruleKind.ownConditions());
        this.historyMillis = longestWindow(this.levels);
        for (int i = 1; i < this.levels.size(); i++) {
            if (this.levels.get(i).severity == this.levels.get(i - 1).severity) {
                throw new IllegalArgumentException("rule " + name + " has two levels of severity "
                        + this.levels.get(i).severity);
            }
        }
    }

    /** A rule of one of the kinds with severity levels, named by {@code kind} (threshold, compound, ...). */
    public static AlarmRule condition(String name, String kind, List<String> groups, String description,
            List<Level> levels) {
        RuleKind leveled = RuleKinds.named(kind);
        if (!(leveled instanceof LeveledKind)) {
            throw new IllegalArgumentException("rule " + name + ": kind '" + kind + "' has no severity levels");
        }
        return leveled((LeveledKind) leveled, name, groups, description, levels);
    }

    static AlarmRule leveled(LeveledKind kind, String name, List<String> groups, String description,
            List<Level> levels) {
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("rule " + name + " needs at least one level");
        }
        // The lowest severity, as levels are kept lowest first whatever order they were given in.
        Severity lowest = levels.stream().map(l -> l.severity).min(Comparator.naturalOrder()).orElseThrow();
        return new AlarmRule(kind, Type.CONDITION, name, groups, description, levels, lowest, 0, 0, 0, 0);
    }

    public static AlarmRule offline(String name, List<String> groups, String description, Severity severity,
            long afterMillis, long processingTimeFallbackMillis) {
        if (afterMillis <= 0) {
            throw new IllegalArgumentException("rule " + name + ": offline after must be positive");
        }
        if (processingTimeFallbackMillis < 0) {
            throw new IllegalArgumentException("rule " + name + ": processing-time fallback must not be negative");
        }
        return new AlarmRule(RuleKinds.named("offline"), Type.OFFLINE, name, groups, description, List.of(), severity,
                afterMillis, processingTimeFallbackMillis, 0, 0);
    }

    public static AlarmRule anomalyBurst(String name, List<String> groups, String description, Severity severity,
            int count, long windowMillis) {
        if (count < 1 || windowMillis <= 0) {
            throw new IllegalArgumentException("rule " + name + ": anomaly burst needs count >= 1 and a window");
        }
        return new AlarmRule(RuleKinds.named("anomaly-burst"), Type.ANOMALY_BURST, name, groups, description,
                List.of(), severity, 0, 0, count, windowMillis);
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a rule needs a name");
        }
        return name;
    }

    /** Reads and evaluates the rule. */
    public RuleKind ruleKind() {
        return ruleKind;
    }

    public boolean appliesTo(String deviceGroup) {
        return matches(groups, deviceGroup);
    }

    /** Whether any of the {@code groups} globs matches the whole of {@code deviceGroup}. */
    static boolean matches(List<String> groups, String deviceGroup) {
        for (String glob : groups) {
            if (glob(glob).matcher(deviceGroup).matches()) {
                return true;
            }
        }
        return false;
    }

    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        String[] parts = glob.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                re.append(".*");
            }
            if (!parts[i].isEmpty()) {
                re.append(Pattern.quote(parts[i]));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    /** Every metric the rule reads, in a stable order. */
    public List<String> metrics() {
        return metrics;
    }

    /** Longest window of any windowed signal, 0 when none. */
    public long historyMillis() {
        return historyMillis;
    }

    private static List<String> collectMetrics(List<Level> levels, List<Condition> own) {
        List<List<Condition>> all = new ArrayList<>();
        for (Level l : levels) {
            all.add(l.raise);
            all.add(l.clear);
        }
        all.add(own);
        Set<String> m = new LinkedHashSet<>();
        for (List<Condition> cs : all) {
            for (Condition c : cs) {
                m.add(c.signal.metric);
                if (c.signal.reference != null) {
                    m.add(c.signal.reference);
                }
            }
        }
        return List.copyOf(m);
    }

    private static long longestWindow(List<Level> levels) {
        long w = 0;
        for (Level l : levels) {
            for (List<Condition> cs : List.of(l.raise, l.clear)) {
                for (Condition c : cs) {
                    w = Math.max(w, c.signal.windowMillis);
                }
            }
        }
        return w;
    }

    /** E.g. {@code hot (threshold): [MAJOR: temp_c > 8 for 5m; clear when temp_c < 6 for 2m]}. */
    @Override
    public String toString() {
        return name + " (" + kind + "): " + ruleKind.explain(this);
    }
}
