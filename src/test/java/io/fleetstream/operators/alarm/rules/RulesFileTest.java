package io.fleetstream.operators.alarm.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.operators.alarm.rules.Condition.Op;
import io.fleetstream.operators.alarm.rules.Signal.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesFileTest {
    static final String DEFAULT_RULES = "io/fleetstream/jobs/default-rules.yaml";

    static RuleSet yaml(String text) {
        return RulesFile.parse(text, "rules.yaml");
    }

    static AlarmRule only(String text) {
        List<AlarmRule> rules = yaml(text).rules();
        assertThat(rules).hasSize(1);
        return rules.get(0);
    }

    static void assertCondition(Condition c, Kind kind, String metric, Op op, double threshold) {
        assertThat(c.signal.kind).isEqualTo(kind);
        assertThat(c.signal.metric).isEqualTo(metric);
        assertThat(c.op).isEqualTo(op);
        assertThat(c.threshold).isEqualTo(threshold);
    }

    static Condition single(List<Condition> conditions) {
        assertThat(conditions).hasSize(1);
        return conditions.get(0);
    }

    static List<String> names(List<AlarmRule> rules) {
        return rules.stream().map(r -> r.name).collect(Collectors.toList());
    }

    @Nested
    class Kinds {
        @Test
        void thresholdLevelsAreSortedBySeverityWithTheirOwnHysteresis() {
            AlarmRule r = only("""
                    rules:
                      - name: reefer-temperature-high
                        kind: threshold
                        groups: ["reefers-*"]
                        description: Cargo too warm
                        metric: temp_c
                        levels:
                          - severity: critical
                            above: 12
                            for: 5m
                            clear-below: 10
                            clear-for: 2m
                          - above: 8
                            for: 30s
                            clear-below: 6
                    """);
            assertThat(r.name).isEqualTo("reefer-temperature-high");
            assertThat(r.kind).isEqualTo("threshold");
            assertThat(r.type).isEqualTo(AlarmRule.Type.CONDITION);
            assertThat(r.groups).containsExactly("reefers-*");
            assertThat(r.description).isEqualTo("Cargo too warm");
            assertThat(r.severity).isEqualTo(Severity.WARNING);
            assertThat(r.levels).extracting(l -> l.severity).containsExactly(Severity.WARNING, Severity.CRITICAL);
            Level warning = r.levels.get(0);
            assertCondition(single(warning.raise), Kind.VALUE, "temp_c", Op.ABOVE, 8);
            assertThat(warning.raiseForMillis).isEqualTo(30_000);
            assertCondition(single(warning.clear), Kind.VALUE, "temp_c", Op.BELOW, 6);
            assertThat(warning.clearForMillis).isZero();
            Level critical = r.levels.get(1);
            assertCondition(single(critical.raise), Kind.VALUE, "temp_c", Op.ABOVE, 12);
            assertThat(critical.raiseForMillis).isEqualTo(300_000);
            assertCondition(single(critical.clear), Kind.VALUE, "temp_c", Op.BELOW, 10);
            assertThat(critical.clearForMillis).isEqualTo(120_000);
        }

        @Test
        void thresholdBelowClearsAboveAndWithoutClearKeyWhenTheRaiseStopsHolding() {
            AlarmRule r = only("""
                    rules:
                      - name: low
                        kind: threshold
                        metric: fuel_pct
                        levels:
                          - {below: 10, clear-above: 20, clear-for: 1 min}
                          - {severity: MAJOR, below: 5}
                    """);
            assertThat(r.groups).containsExactly("*");
            assertThat(r.description).isNull();
            assertCondition(single(r.levels.get(0).raise), Kind.VALUE, "fuel_pct", Op.BELOW, 10);
            assertCondition(single(r.levels.get(0).clear), Kind.VALUE, "fuel_pct", Op.ABOVE, 20);
            assertThat(r.levels.get(0).clearForMillis).isEqualTo(60_000);
            assertThat(r.levels.get(1).severity).isEqualTo(Severity.MAJOR);
            assertThat(r.levels.get(1).raiseForMillis).isZero();
            assertThat(r.levels.get(1).clear).isEmpty();
        }

        @Test
        void shorthandReadsLikeAListOfThatOneLevel() {
            AlarmRule shorthand = only("""
                    rules:
                      - {name: t, kind: threshold, metric: temp_c, severity: MAJOR, above: 8, for: 5m,
                         clear-below: 6, clear-for: 2m}
                    """);
            AlarmRule listed = only("""
                    rules:
                      - name: t
                        kind: threshold
                        metric: temp_c
                        levels: [{severity: MAJOR, above: 8, for: 5m, clear-below: 6, clear-for: 2m}]
                    """);
            assertThat(shorthand.toString()).isEqualTo(listed.toString())
                    .isEqualTo("t (threshold): [MAJOR: temp_c > 8 for 5m; clear when temp_c < 6 for 2m]");
            assertThat(shorthand.groups).isEqualTo(listed.groups);

            AlarmRule deviation = only("""
                    rules:
                      - {name: d, kind: deviation, metric: temp_c, reference: setpoint_c, more-than: 2, for: 10m}
                    """);
            AlarmRule deviationListed = only("""
                    rules:
                      - {name: d, kind: deviation, metric: temp_c, reference: setpoint_c,
                         levels: [{more-than: 2, for: 10m}]}
                    """);
            assertThat(deviation.toString()).isEqualTo(deviationListed.toString());
        }

        @Test
        void metricsExpandToOneRulePerMetricNamedAfterIt() {
            List<AlarmRule> rules = yaml("""
                    rules:
                      - {name: hot, kind: threshold, metrics: [supply_temp_c, return_temp_c], above: 30}
                      - {name: stuck, kind: stuck, metrics: [fan_rpm], for: 10m}
                      - {name: one, kind: rate, metric: power_kw, rises-by: 5, within: 1m}
                    """).rules();
            assertThat(names(rules)).containsExactly("hot.supply_temp_c", "hot.return_temp_c", "stuck.fan_rpm",
                    "one");
            assertCondition(single(rules.get(0).levels.get(0).raise), Kind.VALUE, "supply_temp_c", Op.ABOVE, 30);
            assertCondition(single(rules.get(1).levels.get(0).raise), Kind.VALUE, "return_temp_c", Op.ABOVE, 30);
            assertThat(rules.get(0).kind).isEqualTo("threshold");
        }

        @Test
        void compoundNeedsAllConditionsWithSlopesPerMinute() {
            AlarmRule r = only("""
                    rules:
                      - name: pump-bearing-wear
                        kind: compound
                        groups: pumps-*
                        severity: MAJOR
                        all:
                          - {metric: vibration_mm_s, above: 5}
                          - {metric: temperature_c, rising: 0.2, window: 2m}
                          - {metric: pressure_bar, falling: 0.5}
                          - {metric: flow_lpm, at-least: 100}
                          - {metric: flow_lpm, at-most: 300}
                          - {metric: running, equals: true}
                          - {metric: level, below: 3}
                        for: 5m
                        clear-for: 2m
                    """);
            assertThat(r.groups).containsExactly("pumps-*");
            assertThat(r.levels).hasSize(1);
            Level l = r.levels.get(0);
            assertThat(l.severity).isEqualTo(Severity.MAJOR);
            assertThat(l.raise).hasSize(7);
            assertCondition(l.raise.get(0), Kind.VALUE, "vibration_mm_s", Op.ABOVE, 5);
            assertCondition(l.raise.get(1), Kind.SLOPE, "temperature_c", Op.ABOVE, 0.2);
            assertThat(l.raise.get(1).signal.windowMillis).isEqualTo(120_000);
            assertCondition(l.raise.get(2), Kind.SLOPE, "pressure_bar", Op.BELOW, -0.5);
            assertThat(l.raise.get(2).signal.windowMillis).isEqualTo(60_000);
            assertCondition(l.raise.get(3), Kind.VALUE, "flow_lpm", Op.AT_LEAST, 100);
            assertCondition(l.raise.get(4), Kind.VALUE, "flow_lpm", Op.AT_MOST, 300);
            assertCondition(l.raise.get(5), Kind.VALUE, "running", Op.EQUALS, 1);
            assertCondition(l.raise.get(6), Kind.VALUE, "level", Op.BELOW, 3);
            assertThat(l.raiseForMillis).isEqualTo(300_000);
            assertThat(l.clear).isEmpty();
            assertThat(l.clearForMillis).isEqualTo(120_000);
            assertThat(r.historyMillis()).isEqualTo(120_000);
        }

        @Test
        void deviationFromAReferenceMetricOrAConstant() {
            List<AlarmRule> rules = yaml("""
                    rules:
                      - name: reefer-setpoint-deviation
                        kind: deviation
                        metric: temp_c
                        reference: setpoint_c
                        more-than: 2
                        for: 10m
                        clear-less-than: 1
                        clear-for: 2m
                      - name: pressure-off-nominal
                        kind: deviation
                        metric: pressure_bar
                        reference-value: 5.2
                        levels:
                          - {more-than: 0.5}
                          - {severity: CRITICAL, more-than: 1.5, for: 1m}
                    """).rules();
            Level l = rules.get(0).levels.get(0);
            Condition raise = single(l.raise);
            assertCondition(raise, Kind.DEVIATION, "temp_c", Op.ABOVE, 2);
            assertThat(raise.signal.reference).isEqualTo("setpoint_c");
            assertThat(l.raiseForMillis).isEqualTo(600_000);
            assertCondition(single(l.clear), Kind.DEVIATION, "temp_c", Op.BELOW, 1);
            assertThat(single(l.clear).signal.reference).isEqualTo("setpoint_c");
            assertThat(l.clearForMillis).isEqualTo(120_000);
            assertThat(rules.get(0).metrics()).containsExactly("temp_c", "setpoint_c");

            AlarmRule constant = rules.get(1);
            assertThat(constant.levels).extracting(x -> x.severity).containsExactly(Severity.WARNING,
                    Severity.CRITICAL);
            Condition c = single(constant.levels.get(1).raise);
            assertCondition(c, Kind.DEVIATION, "pressure_bar", Op.ABOVE, 1.5);
            assertThat(c.signal.reference).isNull();
            assertThat(c.signal.referenceValue).isEqualTo(5.2);
            assertThat(constant.levels.get(1).raiseForMillis).isEqualTo(60_000);
        }

        @Test
        void heldIsAValueThatLastsAndClearsOnceItStops() {
            List<AlarmRule> rules = yaml("""
                    rules:
                      - {name: door, kind: held, metric: door_open, equals: 1, for: 15m}
                      - {name: door-bool, kind: held, metric: door_open, equals: true, for: 15m}
                      - {name: cold, kind: held, metric: temp_c, levels: [{below: -30, for: 1h, severity: INFO}]}
                    """).rules();
            Level door = rules.get(0).levels.get(0);
            assertCondition(single(door.raise), Kind.VALUE, "door_open", Op.EQUALS, 1);
            assertThat(door.raiseForMillis).isEqualTo(900_000);
            assertThat(door.clear).isEmpty();
            assertThat(door.clearForMillis).isZero();
            assertThat(rules.get(1).levels.toString()).isEqualTo(rules.get(0).levels.toString());
            Level cold = rules.get(2).levels.get(0);
            assertThat(cold.severity).isEqualTo(Severity.INFO);
            assertCondition(single(cold.raise), Kind.VALUE, "temp_c", Op.BELOW, -30);
            assertThat(cold.raiseForMillis).isEqualTo(3_600_000);
        }

        @Test
        void rateComparesTheRiseOrFallWithinAWindow() {
            List<AlarmRule> rules = yaml("""
                    rules:
                      - {name: spike, kind: rate, metric: temp_c, rises-by: 5, within: 1m, severity: WARNING,
                         clear-for: 1m}
                      - {name: drop, kind: rate, metric: pressure_bar, falls-by: 2, within: 30s}
                      - name: hvac-spike
                        kind: rate
                        metrics: [supply_temp_c, fan_rpm]
                        rises-by: {fan_rpm: 1000, supply_temp_c: 7.5}
                        within: 1m
                    """).rules();
            Level spike = rules.get(0).levels.get(0);
            assertCondition(single(spike.raise), Kind.RISE, "temp_c", Op.ABOVE, 5);
            assertThat(single(spike.raise).signal.windowMillis).isEqualTo(60_000);
            assertThat(spike.raiseForMillis).isZero();
            assertThat(spike.clear).isEmpty();
            assertThat(spike.clearForMillis).isEqualTo(60_000);
            Level drop = rules.get(1).levels.get(0);
            assertCondition(single(drop.raise), Kind.FALL, "pressure_bar", Op.ABOVE, 2);
            assertThat(single(drop.raise).signal.windowMillis).isEqualTo(30_000);
            assertThat(drop.clearForMillis).isZero();
            assertThat(names(rules)).endsWith("hvac-spike.supply_temp_c", "hvac-spike.fan_rpm");
            assertCondition(single(rules.get(2).levels.get(0).raise), Kind.RISE, "supply_temp_c", Op.ABOVE, 7.5);
            assertCondition(single(rules.get(3).levels.get(0).raise), Kind.RISE, "fan_rpm", Op.ABOVE, 1000);
        }

        @Test
        void stuckIsTheSameValueRepeatedForTheWholeDuration() {
            AlarmRule r = only("rules: [{name: s, kind: stuck, metric: temp_c, for: 10m, severity: info}]");
            Level l = r.levels.get(0);
            assertThat(l.severity).isEqualTo(Severity.INFO);
            assertCondition(single(l.raise), Kind.UNCHANGED, "temp_c", Op.EQUALS, 1);
            assertThat(l.raiseForMillis).isEqualTo(600_000);
            assertThat(l.clear).isEmpty();
            assertThat(l.clearForMillis).isZero();
        }

        @Test
        void offlineAndAnomalyBurst() {
            List<AlarmRule> rules = yaml("""
                    version: 1
                    rules:
                      - {name: device-offline, kind: offline, after: 10m, processing-time-fallback: 30m,
                         severity: MAJOR, description: Device stopped reporting}
                      - {name: quiet, kind: offline, groups: [a, b], after: 2h}
                      - {name: anomaly-burst, kind: anomaly-burst, count: 3, within: 10m}
                    """).rules();
            AlarmRule offline = rules.get(0);
            assertThat(offline.type).isEqualTo(AlarmRule.Type.OFFLINE);
            assertThat(offline.kind).isEqualTo("offline");
            assertThat(offline.severity).isEqualTo(Severity.MAJOR);
            assertThat(offline.offlineAfterMillis).isEqualTo(600_000);
            assertThat(offline.processingTimeFallbackMillis).isEqualTo(1_800_000);
            assertThat(offline.description).isEqualTo("Device stopped reporting");
            assertThat(offline.levels).isEmpty();
            AlarmRule quiet = rules.get(1);
            assertThat(quiet.severity).isEqualTo(Severity.WARNING);
            assertThat(quiet.groups).containsExactly("a", "b");
            assertThat(quiet.offlineAfterMillis).isEqualTo(7_200_000);
            assertThat(quiet.processingTimeFallbackMillis).isZero();
            AlarmRule burst = rules.get(2);
            assertThat(burst.type).isEqualTo(AlarmRule.Type.ANOMALY_BURST);
            assertThat(burst.kind).isEqualTo("anomaly-burst");
            assertThat(burst.burstCount).isEqualTo(3);
            assertThat(burst.burstWindowMillis).isEqualTo(600_000);
            assertThat(burst.severity).isEqualTo(Severity.WARNING);
        }

        @Test
        void anEmptyRulesListIsAnEmptyRuleSet() {
            assertThat(yaml("rules: []").isEmpty()).isTrue();
        }
    }

    @Nested
    class Formats {
        static final String YAML = """
                rules:
                  - name: t
                    kind: threshold
                    groups: reefers-*
                    metric: temp_c
                    levels:
                      - {above: 8, for: 5m, clear-below: 6}
                      - {severity: CRITICAL, above: 12}
                  - {name: o, kind: offline, after: 10m}
                """;
        static final String JSON = """
                {"rules": [
                  {"name": "t", "kind": "threshold", "groups": ["reefers-*"], "metric": "temp_c",
                   "levels": [{"above": 8, "for": "5m", "clear-below": 6}, {"severity": "CRITICAL", "above": 12}]},
                  {"name": "o", "kind": "offline", "after": "10m"}
                ]}
                """;

        @Test
        void jsonAndYamlReadTheSame() {
            RuleSet fromYaml = RulesFile.parse(YAML, "rules.yaml");
            RuleSet fromJson = RulesFile.parse(JSON, "rules.json");
            assertThat(fromJson.toString()).isEqualTo(fromYaml.toString());
            assertThat(fromJson.rules().get(0).groups).isEqualTo(fromYaml.rules().get(0).groups);
            assertThat(RulesFile.parse(JSON, "rules.yaml").toString()).isEqualTo(fromYaml.toString());
        }

        @Test
        void loadPicksTheFormatByExtensionAndReadsOtherNamesAsYaml(@TempDir Path dir) throws Exception {
            String expected = RulesFile.parse(YAML, "rules.yaml").toString();
            Files.writeString(dir.resolve("rules.yml"), YAML);
            Files.writeString(dir.resolve("rules.json"), JSON);
            Files.writeString(dir.resolve("rules.conf"), JSON);
            assertThat(RulesFile.load(dir.resolve("rules.yml")).toString()).isEqualTo(expected);
            assertThat(RulesFile.load(dir.resolve("rules.json")).toString()).isEqualTo(expected);
            assertThat(RulesFile.load(dir.resolve("rules.conf")).toString()).isEqualTo(expected);
        }

        @Test
        void jsonSyntaxErrorsAreReportedAsJsonWithTheirPosition(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("rules.json");
            Files.writeString(file, "{\"rules\": [\n  {\"name\": \"t\",}\n]}");
            assertThatThrownBy(() -> RulesFile.load(file)).isInstanceOf(RulesException.class)
                    .hasMessageStartingWith(file + ": line 2, column ").hasMessageContaining("not valid JSON");
        }

        @Test
        void aMissingFileOrResourceIsARulesError(@TempDir Path dir) {
            Path missing = dir.resolve("nope.yaml");
            assertThatThrownBy(() -> RulesFile.load(missing)).isInstanceOf(RulesException.class)
                    .hasMessageStartingWith(missing + ": cannot read the rules file");
            assertThatThrownBy(() -> RulesFile.loadResource("io/fleetstream/nope.yaml"))
                    .isInstanceOf(RulesException.class)
                    .hasMessage("io/fleetstream/nope.yaml: no such resource on the classpath");
        }
    }

    @Nested
    class DefaultRules {
        final RuleSet rules = RulesFile.loadResource(DEFAULT_RULES);

        @Test
        void holdTheRulesForEachDeviceKind() {
            assertThat(names(rules.rules())).containsExactly(
                    "reefer-temperature-high", "reefer-setpoint-deviation", "reefer-door-open",
                    "pump-bearing-wear",
                    "reefer-spike.temp_c",
                    "hvac-spike.supply_temp_c", "hvac-spike.return_temp_c", "hvac-spike.fan_rpm",
                    "hvac-spike.power_kw",
                    "pump-spike.pressure_bar", "pump-spike.flow_lpm", "pump-spike.vibration_mm_s",
                    "pump-spike.temperature_c",
                    "reefer-stuck-sensor.temp_c", "reefer-stuck-sensor.fuel_pct",
                    "hvac-stuck-sensor.supply_temp_c", "hvac-stuck-sensor.return_temp_c",
                    "hvac-stuck-sensor.fan_rpm", "hvac-stuck-sensor.power_kw",
                    "pump-stuck-sensor.pressure_bar", "pump-stuck-sensor.flow_lpm",
                    "pump-stuck-sensor.vibration_mm_s", "pump-stuck-sensor.temperature_c",
                    "device-offline", "anomaly-burst");
            assertThat(rules.usesAnomalies()).isTrue();
        }

        @Test
        void eachGroupGetsItsKindsRulesAndTheCommonOnes() {
            assertThat(names(rules.forGroup("reefers-west"))).containsExactly(
                    "reefer-temperature-high", "reefer-setpoint-deviation", "reefer-door-open",
                    "reefer-spike.temp_c", "reefer-stuck-sensor.temp_c", "reefer-stuck-sensor.fuel_pct",
                    "device-offline", "anomaly-burst");
            assertThat(names(rules.forGroup("hvac-north"))).containsExactly(
                    "hvac-spike.supply_temp_c", "hvac-spike.return_temp_c", "hvac-spike.fan_rpm",
                    "hvac-spike.power_kw", "hvac-stuck-sensor.supply_temp_c", "hvac-stuck-sensor.return_temp_c",
                    "hvac-stuck-sensor.fan_rpm", "hvac-stuck-sensor.power_kw", "device-offline", "anomaly-burst");
            assertThat(names(rules.forGroup("pumps-east"))).containsExactly(
                    "pump-bearing-wear", "pump-spike.pressure_bar", "pump-spike.flow_lpm",
                    "pump-spike.vibration_mm_s", "pump-spike.temperature_c", "pump-stuck-sensor.pressure_bar",
                    "pump-stuck-sensor.flow_lpm", "pump-stuck-sensor.vibration_mm_s",
                    "pump-stuck-sensor.temperature_c", "device-offline", "anomaly-burst");
            assertThat(names(rules.forGroup("trucks-south"))).containsExactly("device-offline", "anomaly-burst");
            assertThat(rules.forGroup("reefers-west")).isSameAs(rules.forGroup("reefers-west"));
        }

        @Test
        void haveTheAgreedThresholds() {
            AlarmRule high = rule("reefer-temperature-high");
            assertThat(high.levels).hasToString("[WARNING: temp_c > 8 for 5m; clear when temp_c < 6 for 2m,"
                    + " CRITICAL: temp_c > 12 for 5m; clear when temp_c < 10 for 2m]");
            assertThat(rule("reefer-setpoint-deviation").levels).hasToString("[WARNING: |temp_c - setpoint_c| > 2"
                    + " for 10m; clear when |temp_c - setpoint_c| < 1 for 2m]");
            assertThat(rule("reefer-door-open").levels).hasToString("[WARNING: door_open == 1 for 15m; clear when no longer holding]");
            AlarmRule wear = rule("pump-bearing-wear");
            assertThat(wear.levels).hasToString("[WARNING: vibration_mm_s > 5 and slope(temperature_c, 2m) > 0.2"
                    + " for 5m; clear when no longer holding for 2m]");
            assertThat(wear.description).contains("maintenance required");
            assertThat(rule("hvac-spike.fan_rpm").levels).hasToString("[WARNING: rise(fan_rpm, 1m) > 1000;"
                    + " clear when no longer holding for 1m]");
            assertThat(rule("pump-stuck-sensor.flow_lpm").levels).hasToString("[WARNING: flow_lpm unchanged == 1"
                    + " for 10m; clear when no longer holding]");
            AlarmRule offline = rule("device-offline");
            assertThat(offline.severity).isEqualTo(Severity.MAJOR);
            assertThat(offline.offlineAfterMillis).isEqualTo(600_000);
            assertThat(offline.groups).containsExactly("*");
            AlarmRule burst = rule("anomaly-burst");
            // 6, not 3, since anomaly scores are on by default: one odd reading grades up to a shingle (4) of points
            assertThat(burst.burstCount).isEqualTo(6);
            assertThat(burst.burstWindowMillis).isEqualTo(600_000);
        }

        private AlarmRule rule(String name) {
            return rules.rules().stream().filter(r -> r.name.equals(name)).findFirst().orElseThrow();
        }
    }

    @Nested
    class Errors {
        AbstractThrowableAssert<?, ?> fails(String text) {
            return assertThatThrownBy(() -> yaml(text)).isInstanceOf(RulesException.class);
        }

        @Test
        void unknownKeysListTheAcceptedOnes() {
            fails("""
                    rules:
                      - name: t
                        kind: threshold
                        metric: temp_c
                        levels:
                          - {abov: 8}
                    """).hasMessage("rules.yaml: rules[0] (t).levels[0]: unknown key 'abov'; accepted: severity,"
                    + " above, below, for, clear-below, clear-above, clear-for");
            fails("rules: [{name: o, kind: offline, after: 10m, severty: MAJOR}]")
                    .hasMessage("rules.yaml: rules[0] (o): unknown key 'severty'; accepted: name, kind, groups,"
                            + " description, after, processing-time-fallback, severity");
            fails("rule: []").hasMessage("rules.yaml: unknown key 'rule'; accepted: rules, version");
            fails("""
                    rules:
                      - name: c
                        kind: compound
                        all: [{metric: a, above: 1, windw: 1m}]
                    """).hasMessageStartingWith("rules.yaml: rules[0] (c).all[0]: unknown key 'windw'; accepted:"
                    + " metric, above, below, at-least, at-most, equals, rising, falling, window");
        }

        @Test
        void badDurationsSayWhatADurationLooksLike() {
            fails("""
                    rules:
                      - {name: a, kind: offline, after: 10m}
                      - {name: b, kind: offline, after: 10m}
                      - name: door-open
                        kind: held
                        metric: door_open
                        levels:
                          - {equals: 1, for: 5 mins}
                    """).hasMessage("rules.yaml: rules[2] (door-open).levels[0].for: '5 mins' is not a duration"
                    + " (examples: 30s, 5m, 2h)");
            fails("rules: [{name: o, kind: offline, after: -5m}]")
                    .hasMessage("rules.yaml: rules[0] (o).after: '-5m' is negative; durations must not be");
            fails("rules: [{name: o, kind: offline, after: 300}]")
                    .hasMessage("rules.yaml: rules[0] (o).after: expected a duration (examples: 30s, 5m, 2h),"
                            + " got 300");
            fails("rules: [{name: o, kind: offline, after: '300'}]")
                    .hasMessage("rules.yaml: rules[0] (o).after: '300' has no unit (examples: 30s, 5m, 2h)");
            fails("rules: [{name: o, kind: offline, after: 0s}]")
                    .hasMessage("rules.yaml: rules[0] (o).after: must be longer than 0");
        }

        @Test
        void unknownKindListsTheKinds() {
            fails("rules: [{name: t, kind: thresold, metric: temp_c, above: 8}]")
                    .hasMessage("rules.yaml: rules[0] (t).kind: unknown kind 'thresold'; kinds: threshold, compound,"
                            + " deviation, held, rate, stuck, offline, anomaly-burst, sequence, fleet");
            fails("rules: [{name: t, metric: temp_c}]").hasMessage("rules.yaml: rules[0] (t): missing key 'kind'");
        }

        @Test
        void contradictionsAreRejected() {
            fails("rules: [{name: t, kind: threshold, metric: temp_c, above: 8, below: 2}]")
                    .hasMessage("rules.yaml: rules[0] (t): takes only one of above, below, got above and below");
            fails("rules: [{name: t, kind: threshold, metric: temp_c, clear-below: 2}]")
                    .hasMessage("rules.yaml: rules[0] (t): needs one of above, below");
            fails("rules: [{name: t, kind: threshold, metric: temp_c, above: 8, clear-above: 9}]")
                    .hasMessageStartingWith("rules.yaml: rules[0] (t).clear-above: does not go with 'above'");
            fails("rules: [{name: t, kind: threshold, metric: temp_c, above: 8, clear-below: 9}]")
                    .hasMessageStartingWith("rules.yaml: rules[0] (t).clear-below: 9 is past the raise threshold 8");
            fails("rules: [{name: t, kind: threshold, metric: temp_c, above: 8, levels: [{above: 9}]}]")
                    .hasMessageStartingWith("rules.yaml: rules[0] (t).above: goes inside each entry of levels");
            fails("rules: [{name: t, kind: threshold, metric: temp_c, levels: [{above: 9}, {above: 12}]}]")
                    .hasMessageStartingWith("rules.yaml: rules[0] (t).levels[1]: severity WARNING is already the"
                            + " severity of rules[0] (t).levels[0]");
            fails("rules: [{name: t, kind: threshold, metric: temp_c, metrics: [a], above: 8}]")
                    .hasMessage("rules.yaml: rules[0] (t): takes only one of metric, metrics, got metric and metrics");
            fails("rules: [{name: c, kind: compound, all: [{metric: a, above: 1, window: 1m}]}]")
                    .hasMessage("rules.yaml: rules[0] (c).all[0].window: 'window' only goes with rising or falling");
            fails("rules: [{name: d, kind: deviation, metric: a, reference: b, reference-value: 1, more-than: 1}]")
                    .hasMessageContaining("takes only one of reference, reference-value");
            fails("rules: [{name: d, kind: deviation, metric: a, reference: a, more-than: 1}]")
                    .hasMessageStartingWith("rules.yaml: rules[0] (d).reference: 'a' is the metric itself");
        }

        @Test
        void missingKeysAreNamed() {
            fails("rules: [{name: t, kind: threshold, above: 8}]")
                    .hasMessage("rules.yaml: rules[0] (t): needs one of metric, metrics");
            fails("rules: [{name: h, kind: held, equals: 1, for: 1m}]")
                    .hasMessage("rules.yaml: rules[0] (h): missing key 'metric'");
            fails("rules: [{name: h, kind: held, metric: door_open, equals: 1}]")
                    .hasMessage("rules.yaml: rules[0] (h): missing key 'for'");
            fails("rules: [{kind: offline, after: 1m}]").hasMessage("rules.yaml: rules[0]: missing key 'name'");
            fails("rules: [{name: r, kind: rate, metric: a, rises-by: 1}]")
                    .hasMessage("rules.yaml: rules[0] (r): missing key 'within'");
            fails("rules: [{name: c, kind: compound, all: []}]")
                    .hasMessage("rules.yaml: rules[0] (c).all: needs at least one condition");
            fails("version: 1").hasMessage("rules.yaml: missing key 'rules'");
            fails("").hasMessage("rules.yaml: the file is empty; expected a map with a 'rules' list");
        }

        @Test
        void ruleNamesAreUniqueAlsoAfterExpansion() {
            fails("""
                    rules:
                      - {name: x, kind: offline, after: 1m}
                      - {name: x, kind: offline, after: 2m}
                    """).hasMessage("rules.yaml: rules[1] (x): rule name 'x' is already used by rules[0] (x)");
            fails("""
                    rules:
                      - {name: s.temp_c, kind: stuck, metric: temp_c, for: 1m}
                      - {name: s, kind: stuck, metrics: [temp_c], for: 1m}
                    """).hasMessage("rules.yaml: rules[1] (s): rule name 's.temp_c' is already used by"
                    + " rules[0] (s.temp_c)");
            fails("rules: [{name: s, kind: stuck, metrics: [a, b, a], for: 1m}]")
                    .hasMessage("rules.yaml: rules[0] (s).metrics: lists 'a' twice");
            fails("rules: [{name: 'reefer temp', kind: offline, after: 1m}]")
                    .hasMessageStartingWith("rules.yaml: rules[0].name: 'reefer temp' is not a rule name");
        }

        @Test
        void typesAreChecked() {
            fails("rules: [{name: t, kind: threshold, metric: temp_c, above: eight}]")
                    .hasMessage("rules.yaml: rules[0] (t).above: expected a number, got 'eight'");
            fails("rules: [{name: t, kind: threshold, metric: temp_c, above: 1.0e+999}]")
                    .hasMessageStartingWith("rules.yaml: rules[0] (t).above: expected a finite number");
            fails("rules: [{name: b, kind: anomaly-burst, count: 2.5, within: 1m}]")
                    .hasMessage("rules.yaml: rules[0] (b).count: expected a whole number, got 2.5");
            fails("rules: [{name: t, kind: threshold, metric: [temp_c], above: 1}]")
                    .hasMessage("rules.yaml: rules[0] (t).metric: expected text, got a list");
            fails("rules: {name: t}").hasMessage("rules.yaml: rules: expected a list, got a map");
            fails("rules: [{name: t, kind: threshold, metric: temp_c, levels: []}]")
                    .hasMessage("rules.yaml: rules[0] (t).levels: needs at least one level");
            fails("rules: [{name: r, kind: rate, metric: a, rises-by: 0, within: 1m}]")
                    .hasMessage("rules.yaml: rules[0] (r).rises-by: must be above 0");
            fails("rules: [{name: o, kind: offline, groups: [], after: 1m}]")
                    .hasMessage("rules.yaml: rules[0] (o).groups: needs at least one entry");
            fails("version: 2\nrules: []").hasMessage("rules.yaml: version: only version 1 exists");
        }

        @Test
        void perMetricAmountsMustMatchTheMetrics() {
            fails("rules: [{name: r, kind: rate, metrics: [a, b], rises-by: {a: 1, c: 2}, within: 1m}]")
                    .hasMessage("rules.yaml: rules[0] (r).rises-by: unknown key 'c'; accepted: a, b");
            fails("rules: [{name: r, kind: rate, metrics: [a, b], rises-by: {a: 1}, within: 1m}]")
                    .hasMessage("rules.yaml: rules[0] (r).rises-by: missing key 'b'");
            fails("rules: [{name: r, kind: rate, metric: a, rises-by: {a: 1}, within: 1m}]")
                    .hasMessageStartingWith("rules.yaml: rules[0] (r).rises-by: a map of amounts goes with");
        }

        @Test
        void unknownSeverityListsTheSeverities() {
            fails("rules: [{name: o, kind: offline, after: 1m, severity: SEVERE}]")
                    .hasMessage("rules.yaml: rules[0] (o).severity: unknown severity 'SEVERE'; severities: INFO,"
                            + " WARNING, MAJOR, CRITICAL");
        }

        @Test
        void yamlSyntaxAndDuplicateKeysAreReportedWithTheirLine() {
            fails("rules:\n  - name: t\n    kind: offline\n    after: 1m\n    after: 2m\n")
                    .hasMessageStartingWith("rules.yaml: line 5, column ")
                    .hasMessageContaining("Duplicate field 'after'");
            fails("rules: [{name: t, kind: offline, after: 1m}\n").hasMessageStartingWith("rules.yaml: line ")
                    .hasMessageContaining("not valid YAML");
            fails("rules: []\n---\nrules: []\n")
                    .hasMessage("rules.yaml: line 3, column 1: not valid YAML: a second YAML document");
            fails("- name: t\n").hasMessage("rules.yaml: expected a map with a 'rules' list, got a list");
        }
    }

    @Nested
    class Groups {
        boolean applies(String glob, String group) {
            return AlarmRule.offline("r", List.of(glob), null, Severity.WARNING, 1, 0).appliesTo(group);
        }

        @Test
        void globsMatchWholeGroupNames() {
            assertThat(applies("reefers-*", "reefers-west")).isTrue();
            assertThat(applies("reefers-*", "reefers-")).isTrue();
            assertThat(applies("reefers-*", "reefers")).isFalse();
            assertThat(applies("reefers-*", "hvac-west")).isFalse();
            assertThat(applies("reefers-*", "old-reefers-west")).isFalse();
            assertThat(applies("*", "anything")).isTrue();
            assertThat(applies("*", "")).isTrue();
            assertThat(applies("*-west", "pumps-west")).isTrue();
            assertThat(applies("*-west", "pumps-westerly")).isFalse();
            assertThat(applies("pumps-north", "pumps-north")).isTrue();
            assertThat(applies("pumps-north", "pumps-north-2")).isFalse();
            assertThat(applies("a.c", "abc")).isFalse();
            assertThat(applies("[ab]", "a")).isFalse();
        }

        @Test
        void aRuleAppliesWhenAnyOfItsGlobsMatches() {
            AlarmRule r = only("rules: [{name: o, kind: offline, after: 1m, groups: [reefers-*, '*-west']}]");
            assertThat(r.appliesTo("reefers-north")).isTrue();
            assertThat(r.appliesTo("pumps-west")).isTrue();
            assertThat(r.appliesTo("pumps-north")).isFalse();
        }
    }
}
