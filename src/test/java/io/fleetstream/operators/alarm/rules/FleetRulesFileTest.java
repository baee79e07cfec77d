package io.fleetstream.operators.alarm.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.flink.util.InstantiationUtil;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** How a {@code fleet} rule reads, and the mistakes the file can make in one (file, rule and key named). */
class FleetRulesFileTest {
    private static final String OFFLINE = "{name: device-offline, kind: offline, after: 10m}";
    private static final String SITE_DOWN = """
            rules:
              - name: device-offline
                kind: offline
                after: 10m
              - name: site-down
                kind: fleet
                groups: ["reefers-*"]
                description: power lost at the site?
                of: device-offline
                count: 20
                severity: CRITICAL
                clear-below: 5
                clear-for: 5m
            """;

    private static AbstractThrowableAssert<?, ?> fails(String text) {
        return assertThatThrownBy(() -> RulesFile.parse(text, "rules.yaml")).isInstanceOf(RulesException.class);
    }

    private static String rule(String keys) {
        return "rules: [" + OFFLINE + ", {name: f, kind: fleet, of: device-offline, " + keys + "}]";
    }

    @Test
    void aCountRuleRaisesAtTheCountAndClearsBelowItsClearLevel() {
        RuleSet rules = RulesFile.parse(SITE_DOWN, "rules.yaml");
        AlarmRule r = rules.rules().get(1);
        assertThat(r.kind).isEqualTo("fleet");
        assertThat(r.type).isEqualTo(AlarmRule.Type.FLEET);
        assertThat(r.severity).isEqualTo(Severity.CRITICAL);
        Fleet f = Fleet.in(rules).get(0);
        assertThat(f.rule).isEqualTo("site-down");
        assertThat(f.of).isEqualTo("device-offline");
        assertThat(f.byShare()).isFalse();
        assertThat(f.raiseAt(1000)).isEqualTo(20);
        assertThat(f.clearBelow(1000)).isEqualTo(5);
        assertThat(f.clearForMillis).isEqualTo(300_000);
        assertThat(f.appliesTo("reefers-west")).isTrue();
        assertThat(f.appliesTo("pumps")).isFalse();
        assertThat(r.ruleKind().explain(r)).containsExactly("CRITICAL: device-offline active at once on at least 20"
                + " devices (one alarm per group); clear when on fewer than 5 devices for 5m; its devices'"
                + " device-offline alarms are marked covered meanwhile");
    }

    @Test
    void aShareRuleCountsTheDevicesSeenWithinItsWindowAndClearsAtTheRaiseLevelByDefault() {
        Fleet f = Fleet.in(RulesFile.parse(rule("share: 0.5, window: 1h"), "rules.yaml")).get(0);
        assertThat(f.byShare()).isTrue();
        assertThat(f.windowMillis).isEqualTo(3_600_000);
        assertThat(f.raiseAt(10)).isEqualTo(5);
        assertThat(f.raiseAt(9)).isEqualTo(5);
        assertThat(f.clearBelow(10)).isEqualTo(5);
        assertThat(f.raiseAt(0)).as("no devices, no alarm").isEqualTo(1);
        Fleet g = Fleet.in(RulesFile.parse(rule("share: 0.3, clear-share: 0.1, window: 30m"), "rules.yaml")).get(0);
        assertThat(g.raiseAt(10)).as("0.3 of 10 is 3, whatever the floating point").isEqualTo(3);
        assertThat(g.clearBelow(10)).isEqualTo(1);
        assertThat(g.describeRaise()).isEqualTo("30% of the devices seen within 30m");
    }

    @Test
    void theEngineNeverSeesAFleetRuleButExplainDoes() throws Exception {
        RuleSet rules = RulesFile.parse(SITE_DOWN, "rules.yaml");
        assertThat(RulesFileTest.names(rules.perDevice("reefers-west"))).containsExactly("device-offline");
        assertThat(RulesFileTest.names(rules.forGroup("reefers-west"))).containsExactly("device-offline", "site-down");
        RuleSet copy = InstantiationUtil.clone(rules);
        assertThat(Fleet.in(copy).get(0).count).isEqualTo(20);
    }

    @Test
    void ofNamesAPerDeviceRuleOfTheFileAnywhereInIt() {
        assertThat(RulesFile.parse("rules: [{name: f, kind: fleet, of: device-offline, count: 2}, " + OFFLINE + "]",
                "rules.yaml").rules()).hasSize(2);
        fails("rules: [{name: f, kind: fleet, of: offline, count: 2}, " + OFFLINE + "]")
                .hasMessage("rules.yaml: rules[0] (f).of: no rule is named 'offline' in this file");
        fails("rules: [{name: f, kind: fleet, of: g, count: 2}, {name: g, kind: fleet, of: f, count: 2}]")
                .hasMessage("rules.yaml: rules[0] (f).of: 'g' is a fleet rule: a fleet rule counts per-device alarms");
        fails("rules: [{name: f, kind: fleet, count: 2}]").hasMessage("rules.yaml: rules[0] (f): missing key 'of'");
    }

    @Test
    void countOrShareExactlyOneWithTheirOwnClearLevelAndWindow() {
        fails(rule("window: 1h")).hasMessage("rules.yaml: rules[1] (f): needs one of count, share");
        fails(rule("count: 2, share: 0.5"))
                .hasMessage("rules.yaml: rules[1] (f): takes only one of count, share, got count and share");
        fails(rule("count: 0")).hasMessage("rules.yaml: rules[1] (f).count: must be at least 1");
        fails(rule("count: 2.5")).hasMessage("rules.yaml: rules[1] (f).count: expected a whole number, got 2.5");
        fails(rule("count: 2, window: 1h")).hasMessage("rules.yaml: rules[1] (f).window: goes with share: a count is"
                + " of devices with an active alarm now");
        fails(rule("count: 2, clear-below: 3"))
                .hasMessage("rules.yaml: rules[1] (f).clear-below: must be between 1 and count (2)");
        fails(rule("count: 2, clear-share: 0.1"))
                .hasMessage("rules.yaml: rules[1] (f).clear-share: goes with share; with count, clear-below");
        fails(rule("share: 0.5")).hasMessage("rules.yaml: rules[1] (f): missing key 'window'");
        fails(rule("share: 1.5, window: 1h")).hasMessage("rules.yaml: rules[1] (f).share: must be above 0 and at most"
                + " 1 (a share: 0.5 is half)");
        fails(rule("share: 0.5, window: 30s"))
                .hasMessage("rules.yaml: rules[1] (f).window: must be at least 1m: devices seen are known to the minute");
        fails(rule("share: 0.5, window: 1h, clear-share: 0.6")).hasMessage("rules.yaml: rules[1] (f).clear-share:"
                + " must not be above share (0.5): the alarm would clear as it is raised");
        fails(rule("share: 0.5, window: 1h, clear-below: 2"))
                .hasMessage("rules.yaml: rules[1] (f).clear-below: goes with count; with share, clear-share");
        fails(rule("count: 2, for: 1m")).hasMessage("rules.yaml: rules[1] (f): unknown key 'for'; accepted: name,"
                + " kind, groups, description, of, count, share, window, clear-below, clear-share, clear-for,"
                + " severity");
        assertThat(List.of(RulesFile.parse(rule("count: 2, clear-for: 0s"), "rules.yaml"))).hasSize(1);
    }
}
