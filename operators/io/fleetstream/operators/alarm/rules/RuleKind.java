package io.fleetstream.operators.alarm.rules;

import io.fleetstream.operators.alarm.RuleState;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One {@code kind:} of alarm rule: how its keys read, what it keeps per device in {@link RuleState}, and when its
 * alarm moves. Everything the kinds share stays with the alarm engine: event-time order, deadlines and the one
 * timer per device, shelving, commands, alarm ids and the lifecycle events. The engine calls these methods for each
 * of a device's rules and never asks which kind a rule is, so a new kind is one class implementing this plus its
 * line in {@link RuleKinds}.
 *
 * <p>A kind keeps nothing per device itself (that is what {@link RuleState} is for); it may hold the parameters of
 * its rules, and it travels with the job graph inside them, hence {@link Serializable}. A reading's decision, an
 * anomaly or a deadline reaches a kind only while its rule is not shelved. Kinds live in this package, beside the
 * parser whose {@link RuleNode}s they read.
 */
public interface RuleKind extends Serializable {
    /** The name a rules file gives after {@code kind:}. */
    String name();

    /**
     * Reads one entry of the rules file: its keys beyond the {@code head}'s, failing with {@link RuleNode#error}
     * (which names the file, the rule and the key). One rule, or one per metric for kinds that take
     * {@code metrics:}.
     */
    List<AlarmRule> parse(RuleNode rule, RuleHead head);

    /**
     * Whether the alarm engine evaluates the rule per device; a kind over a device group ({@code fleet}) is decided
     * elsewhere, and the engine never sees its rules.
     */
    default boolean perDevice() {
        return true;
    }

    /**
     * Checks what the rule refers to once the whole file is read ({@code byName}: every rule of it), failing with
     * {@link RuleNode#error} on {@code rule}, its entry.
     */
    default void resolve(RuleNode rule, AlarmRule parsed, Map<String, AlarmRule> byName) {}

    /** Sets the fields of {@link RuleState} this kind uses, for a device the rule meets for the first time. */
    void init(AlarmRule rule, RuleState s);

    /**
     * Back to normal after a reset or a shelf: forgets the timing so the conditions must hold afresh. By default as
     * for a new device; a kind whose state also holds inputs (the last values of metrics) keeps those.
     */
    default void reset(AlarmRule rule, RuleState s) {
        init(rule, s);
    }

    /** Takes a reading's values into the state, also while the rule is shelved, so none is missing afterwards. */
    default void observe(AlarmRule rule, RuleState s, long time, String[] metrics, double[] values) {}

    /**
     * Decides on a reading at {@code time}, after {@link #observe}; {@code gap} is the time since the device's
     * previous reading ({@code Long.MAX_VALUE} for its first).
     */
    default void onReading(AlarmRule rule, RuleState s, long time, long gap, Alarm alarm) {}

    /** Decides on an anomaly scored at {@code time}. */
    default void onAnomaly(AlarmRule rule, RuleState s, long time, Alarm alarm) {}

    /**
     * Decides on a pattern of the rule's that was detected outside the engine (a sequence, by Flink CEP) and
     * completed at {@code time}; {@code matched} says with which values, for the message.
     */
    default void onMatch(AlarmRule rule, RuleState s, long time, String matched, Alarm alarm) {}

    /**
     * Conditions the kind's own instance holds beyond the rule's levels (a sequence's steps): the metrics they read
     * are the rule's inputs too ({@link AlarmRule#metrics()}), kept per device and shown in its alarms' values.
     */
    default List<Condition> ownConditions() {
        return List.of();
    }

    /** Whether {@link #onAnomaly} does anything: the operator drops anomalies early when no rule reads them. */
    default boolean readsAnomalies() {
        return false;
    }

    /**
     * The event time at which the rule next needs {@link #onDeadline}, {@code Long.MAX_VALUE} for none;
     * {@code lastSeen} is the time of the device's newest reading.
     */
    long deadline(AlarmRule rule, RuleState s, long lastSeen);

    /** The watermark reached {@link #deadline}: {@code time} is that deadline. */
    void onDeadline(AlarmRule rule, RuleState s, long time, Alarm alarm);

    /**
     * Processing time after a device's latest arrival at which {@link #onWatermarkStalled} is due if nothing else
     * arrived; 0 for none.
     */
    default long processingTimeFallbackMillis(AlarmRule rule) {
        return 0;
    }

    /** Nothing arrived from the device for {@link #processingTimeFallbackMillis} and the watermark stood still. */
    default void onWatermarkStalled(AlarmRule rule, RuleState s, Alarm alarm) {}

    /** What raises and clears the rule's alarm, in words, one line per severity. */
    List<String> explain(AlarmRule rule);
}
