package io.fleetstream.operators.alarm.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.operators.alarm.rules.Condition.Op;
import io.fleetstream.operators.alarm.rules.Signal.Kind;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.apache.flink.util.InstantiationUtil;

/** How a {@code sequence} rule reads, and the mistakes the file can make in one (file, rule and key named). */
class SequenceRulesFileTest {
    private static final String DOOR_THEN_WARM = """
            rules:
              - name: door-then-warm
                kind: sequence
                groups: ["reefers-*"]
                steps:
                  - {metric: door_open, equals: 1}
                  - {metric: temp_c, above: 8}
                within: 10m
                severity: MAJOR
                clear-for: 1m
            """;

    private static AbstractThrowableAssert<?, ?> fails(String text) {
        return assertThatThrownBy(() -> RulesFile.parse(text, "rules.yaml")).isInstanceOf(RulesException.class);
    }

    private static String rule(String keys) {
        return "rules: [{name: s, kind: sequence, " + keys + "}]";
    }

    private static final String TWO_STEPS = "steps: [{metric: door_open, equals: 1}, {metric: temp_c, above: 8}]";

    @Test
    void stepsAreConditionsInOrderWithinAWindow() {
        AlarmRule r = RulesFileTest.only(DOOR_THEN_WARM);
        assertThat(r.kind).isEqualTo("sequence");
        assertThat(r.type).isEqualTo(AlarmRule.Type.SEQUENCE);
        assertThat(r.severity).isEqualTo(Severity.MAJOR);
        assertThat(r.metrics()).containsExactly("door_open", "temp_c");
        List<Sequence> sequences = Sequence.in(RulesFile.parse(DOOR_THEN_WARM, "rules.yaml"));
        assertThat(sequences).hasSize(1);
        Sequence s = sequences.get(0);
        assertThat(s.rule).isEqualTo("door-then-warm");
        assertThat(s.steps).hasSize(2);
        RulesFileTest.assertCondition(s.steps.get(0), Kind.VALUE, "door_open", Op.EQUALS, 1);
        RulesFileTest.assertCondition(s.steps.get(1), Kind.VALUE, "temp_c", Op.ABOVE, 8);
        assertThat(s.withinMillis).isEqualTo(600_000);
        assertThat(s.lastAbsent).isFalse();
        assertThat(s.appliesTo("reefers-west")).isTrue();
        assertThat(s.appliesTo("pumps")).isFalse();
    }

    @Test
    void everyComparisonOfTheOtherKindsIsAStepAndTheLastMayBeAbsent() {
        Sequence s = Sequence.in(RulesFile.parse(rule("steps: [{metric: a, at-least: 1}, {metric: b, at-most: 2},"
                + " {metric: c, below: 3}, {metric: d, equals: true, absent: true}], within: 30s"), "rules.yaml"))
                .get(0);
        assertThat(s.steps).extracting(c -> c.op).containsExactly(Op.AT_LEAST, Op.AT_MOST, Op.BELOW, Op.EQUALS);
        assertThat(s.last().threshold).isEqualTo(1);
        assertThat(s.lastAbsent).isTrue();
    }

    @Test
    void aSequenceRuleTravelsWithTheJobGraph() throws Exception {
        RuleSet rules = RulesFile.parse(DOOR_THEN_WARM, "rules.yaml");
        RuleSet copy = InstantiationUtil.clone(rules);
        assertThat(copy.toString()).isEqualTo(rules.toString());
        assertThat(Sequence.in(copy).get(0).steps).hasSize(2);
    }

    @Test
    void withinIsRequiredPositiveAndAtMostAnHour() {
        fails(rule(TWO_STEPS)).hasMessage("rules.yaml: rules[0] (s): missing key 'within'");
        fails(rule(TWO_STEPS + ", within: 0s")).hasMessage("rules.yaml: rules[0] (s).within: must be longer than 0");
        fails(rule(TWO_STEPS + ", within: 2h")).hasMessageStartingWith("rules.yaml: rules[0] (s).within: must be at"
                + " most 1h: Flink CEP keeps every reading that meets the first step for that long");
        assertThat(RulesFile.parse(rule(TWO_STEPS + ", within: 1h"), "rules.yaml").rules()).hasSize(1);
    }

    @Test
    void stepsAreAtLeastTwoComparisonsOfAMetric() {
        fails(rule("within: 1m")).hasMessage("rules.yaml: rules[0] (s): missing key 'steps'");
        fails(rule("steps: [{metric: a, above: 1}], within: 1m")).hasMessage("rules.yaml: rules[0] (s).steps: needs"
                + " at least two steps (one condition is a threshold rule)");
        fails(rule("steps: {metric: a, above: 1}, within: 1m"))
                .hasMessage("rules.yaml: rules[0] (s).steps: expected a list, got a map");
        fails(rule("steps: [{metric: a, above: 1}, {above: 2}], within: 1m"))
                .hasMessage("rules.yaml: rules[0] (s).steps[1]: missing key 'metric'");
        fails(rule("steps: [{metric: a, above: 1}, {metric: b}], within: 1m"))
                .hasMessage("rules.yaml: rules[0] (s).steps[1]: needs one of above, below, at-least, at-most, equals");
        fails(rule("steps: [{metric: a, above: 1}, {metric: b, rising: 1}], within: 1m"))
                .hasMessage("rules.yaml: rules[0] (s).steps[1]: unknown key 'rising'; accepted: metric, above, below,"
                        + " at-least, at-most, equals, absent");
        fails(rule("steps: [{metric: a, above: 1}, {metric: b, above: 1, below: 2}], within: 1m"))
                .hasMessage("rules.yaml: rules[0] (s).steps[1]: takes only one of above, below, at-least, at-most,"
                        + " equals, got above and below");
        fails(rule("steps: [{metric: a, above: x}, {metric: b, above: 1}], within: 1m"))
                .hasMessage("rules.yaml: rules[0] (s).steps[0].above: expected a number, got 'x'");
    }

    @Test
    void onlyTheLastStepMayBeAbsentAndItTakesNoClearFor() {
        fails(rule("steps: [{metric: a, above: 1, absent: true}, {metric: b, above: 1}], within: 1m"))
                .hasMessage("rules.yaml: rules[0] (s).steps[0].absent: only the last step may be absent: a sequence"
                        + " goes on from a reading");
        fails(rule("steps: [{metric: a, above: 1}, {metric: b, above: 1, absent: 1}], within: 1m"))
                .hasMessage("rules.yaml: rules[0] (s).steps[1].absent: expected true or false, got 1");
        fails(rule("steps: [{metric: a, above: 1}, {metric: b, above: 1, absent: true}], within: 1m,"
                + " clear-for: 1m")).hasMessage("rules.yaml: rules[0] (s).clear-for: does not go with an absent last"
                        + " step, which clears at the first reading that meets it");
    }

    @Test
    void unknownKeysListTheAcceptedOnes() {
        fails(rule(TWO_STEPS + ", within: 1m, for: 1m")).hasMessage("rules.yaml: rules[0] (s): unknown key 'for';"
                + " accepted: name, kind, groups, description, steps, within, severity, clear-for");
    }
}
