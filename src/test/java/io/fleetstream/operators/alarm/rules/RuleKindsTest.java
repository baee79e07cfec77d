package io.fleetstream.operators.alarm.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class RuleKindsTest {
    static final String EVERY_KIND = """
            rules:
              - {name: hot, kind: threshold, metric: temp_c, levels: [{above: 8, for: 5m, clear-below: 6},
                 {severity: CRITICAL, above: 12}]}
              - {name: wear, kind: compound, severity: MAJOR, all: [{metric: vibration_mm_s, above: 5},
                 {metric: temperature_c, rising: 0.2, window: 2m}, {metric: pressure_bar, falling: 0.5}], for: 5m,
                 clear-for: 2m}
              - {name: setpoint, kind: deviation, metric: temp_c, reference: setpoint_c, more-than: 2, for: 10m}
              - {name: door, kind: held, metric: door_open, equals: 1, for: 15m}
              - {name: spike, kind: rate, metrics: [temp_c, fan_rpm], rises-by: {temp_c: 5, fan_rpm: 900},
                 within: 1m, clear-for: 1m}
              - {name: drop, kind: rate, metric: pressure_bar, falls-by: 2, within: 30s}
              - {name: stuck, kind: stuck, metric: flow_lpm, for: 10m, severity: INFO}
              - {name: offline, kind: offline, after: 10m, processing-time-fallback: 30m, severity: MAJOR}
              - {name: burst, kind: anomaly-burst, count: 6, within: 10m}
              - {name: door-then-warm, kind: sequence, steps: [{metric: door_open, equals: 1},
                 {metric: temp_c, above: 8}], within: 10m, severity: MAJOR, clear-for: 1m}
              - {name: door-left-open, kind: sequence, steps: [{metric: door_open, equals: 1},
                 {metric: door_open, equals: 0, absent: true}], within: 10m}
            """;

    static List<AlarmRule> everyKind() {
        return RulesFile.parse(EVERY_KIND, "rules.yaml").rules();
    }

    @Test
    void theRegistryHoldsOneClassPerKindUnderTheNameTheFileGives() {
        assertThat(RuleKinds.names()).containsExactly("threshold", "compound", "deviation", "held", "rate", "stuck",
                "offline", "anomaly-burst", "sequence", "fleet");
        for (String name : RuleKinds.names()) {
            assertThat(RuleKinds.named(name).name()).isEqualTo(name);
        }
        assertThat(RuleKinds.names().stream().map(n -> RuleKinds.named(n).getClass()).distinct()).hasSize(10);
    }

    @Test
    void eachRuleCarriesTheKindThatReadIt() {
        for (AlarmRule r : everyKind()) {
            assertThat(r.ruleKind().name()).as(r.name).isEqualTo(r.kind);
        }
        assertThat(everyKind().stream().filter(r -> r.ruleKind().readsAnomalies()).map(r -> r.name))
                .containsExactly("burst");
    }

    @Test
    void eachKindExplainsItsRulesInWords() {
        List<String> lines = everyKind().stream().flatMap(r -> r.ruleKind().explain(r).stream())
                .collect(Collectors.toList());
        assertThat(lines).containsExactly(
                "WARNING: temp_c > 8 for 5m; clear when temp_c < 6",
                "CRITICAL: temp_c > 12; clear when no longer holding",
                "MAJOR: all of vibration_mm_s > 5, temperature_c rising faster than 0.2/min over 2m, pressure_bar"
                        + " falling faster than 0.5/min over 1m together for 5m; clear when they no longer all hold"
                        + " for 2m",
                "WARNING: |temp_c - setpoint_c| > 2 for 10m; clear when no longer holding",
                "WARNING: door_open == 1 held for 15m; clear as soon as that no longer holds",
                "WARNING: temp_c rises by more than 5 within 1m (from the lowest value in that time to the latest);"
                        + " clear when that no longer holds for 1m",
                "WARNING: fan_rpm rises by more than 900 within 1m (from the lowest value in that time to the"
                        + " latest); clear when that no longer holds for 1m",
                "WARNING: pressure_bar falls by more than 2 within 30s (from the highest value in that time to the"
                        + " latest); clear when that no longer holds",
                "INFO: flow_lpm repeats exactly the same value for 10m (seen on readings: a silent device is"
                        + " offline, not stuck); clear at the first changed value",
                "MAJOR: no reading for 10m (event time); clear at the next reading; also raised after 30m of"
                        + " processing time without a reading while the watermark stalls",
                "WARNING: 6 anomalies within 10m (anomaly scores, anomaly.enabled); clear when none for 10m",
                "MAJOR: door_open == 1, then temp_c > 8, within 10m of the first, each on a later reading (Flink"
                        + " CEP); clear when temp_c > 8 no longer holds for 1m",
                "WARNING: door_open == 1, then no door_open == 0, within 10m of the first, each on a later reading"
                        + " (Flink CEP), raised when the window ends; clear at the first reading with door_open == 0");
    }

    @Test
    void rulesTravelWithTheJobGraphAndKeepTheirKind() throws Exception {
        RuleSet rules = RulesFile.parse(EVERY_KIND, "rules.yaml");
        RuleSet copy = InstantiationUtil.clone(rules);
        assertThat(copy.toString()).isEqualTo(rules.toString());
        assertThat(copy.rules()).extracting(r -> r.ruleKind().name()).isEqualTo(
                rules.rules().stream().map(r -> r.kind).collect(Collectors.toList()));
    }

    @Test
    void rulesBuiltInCodeNeedAKindWithLevelsForLevels() {
        List<Level> levels = everyKind().get(0).levels;
        assertThat(AlarmRule.condition("t", "held", List.of("*"), null, levels).ruleKind().name()).isEqualTo("held");
        assertThatThrownBy(() -> AlarmRule.condition("t", "offline", List.of("*"), null, levels))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("rule t: kind 'offline' has no severity"
                        + " levels");
        assertThatThrownBy(() -> AlarmRule.condition("t", "thresold", List.of("*"), null, levels))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown kind 'thresold'");
    }
}
