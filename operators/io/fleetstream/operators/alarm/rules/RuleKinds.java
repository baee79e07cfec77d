package io.fleetstream.operators.alarm.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which class reads and evaluates each {@code kind:} of rule. A new kind is a class implementing {@link RuleKind}
 * and its line here; the parser and the engine find it through this.
 */
final class RuleKinds {
    /** In the order errors and docs list them. */
    private static final Map<String, RuleKind> KINDS = register(
            new ThresholdKind(),
            new CompoundKind(),
            new DeviationKind(),
            new HeldKind(),
            new RateKind(),
            new StuckKind(),
            new OfflineKind(),
            new AnomalyBurstKind(),
            new SequenceKind(),
            new FleetKind());

    private RuleKinds() {}

    private static Map<String, RuleKind> register(RuleKind... kinds) {
        Map<String, RuleKind> byName = new LinkedHashMap<>();
        for (RuleKind kind : kinds) {
            if (byName.put(kind.name(), kind) != null) {
                throw new IllegalStateException("two rule kinds are named " + kind.name());
            }
        }
        return byName;
    }

    static List<String> names() {
        return List.copyOf(KINDS.keySet());
    }

    static boolean exists(String name) {
        return KINDS.containsKey(name);
    }

    static RuleKind named(String name) {
        RuleKind kind = KINDS.get(name);
        if (kind == null) {
            throw new IllegalArgumentException("unknown kind '" + name + "'; kinds: " + String.join(", ", names()));
        }
        return kind;
    }
}
