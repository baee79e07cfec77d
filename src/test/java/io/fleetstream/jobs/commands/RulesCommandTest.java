package io.fleetstream.jobs.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fleetstream.jobs.pipeline.AlarmRules;
import io.fleetstream.operators.alarm.rules.RulesException;
import io.fleetstream.operators.alarm.rules.RulesFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesCommandTest {
    static final String RULES = String.join("\n",
            "rules:",
            "  - name: reefer-temperature-high",
            "    kind: threshold",
            "    groups: [\"reefers-*\"]",
            "    description: Cargo too warm",
            "    metric: temp_c",
            "    levels:",
            "      - {above: 8, for: 5m, clear-below: 6, clear-for: 2m}",
            "      - {severity: CRITICAL, above: 12, for: 5m, clear-below: 10}",
            "  - {name: door, kind: held, groups: [\"reefers-*\", \"trucks-*\"], metric: door_open, equals: 1,",
            "     for: 15m}",
            "  - {name: pump-stuck, kind: stuck, groups: [\"pumps-*\"], metrics: [flow_lpm, pressure_bar], for: 10m}",
            "  - {name: offline, kind: offline, after: 10m, severity: MAJOR}",
            "");

    @TempDir
    Path dir;

    /** Exit code, standard output, standard error. */
    private record Run(int code, String out, String err) {}

    private static Run rules(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RulesCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    @Test
    void checkListsEveryRuleUnderEachOfItsGroupPatternsAndExitsZero() throws Exception {
        String file = file("rules.yaml", RULES);
        Run r = rules("check", file);
        assertThat(r.code).isZero();
        assertThat(r.err).isEmpty();
        assertThat(r.out).startsWith(file + ": 5 rules, no mistakes\n");
        assertThat(r.out).containsSubsequence(
                "device groups reefers-* (2 rules):",
                "  reefer-temperature-high (threshold): [WARNING: temp_c > 8 for 5m; clear when temp_c < 6 for 2m,"
                        + " CRITICAL: temp_c > 12 for 5m; clear when temp_c < 10]",
                "  door (held): [WARNING: door_open == 1 held for 15m; clear as soon as that no longer holds]",
                "device groups trucks-* (1 rule):",
                "  door (held)",
                "device groups pumps-* (2 rules):",
                "  pump-stuck.flow_lpm (stuck)",
                "  pump-stuck.pressure_bar (stuck)",
                "device groups * (1 rule):",
                "  offline (offline): [MAJOR: no reading for 10m (event time); clear at the next reading]");
    }

    @Test
    void checkOfABrokenFileExitsOneWithTheParsersMessageNamingTheFileTheRuleAndTheKey() throws Exception {
        String file = file("broken.yaml", RULES.replace("clear-below: 6", "clear-belw: 6"));
        Run r = rules("check", file);
        assertThat(r.code).isEqualTo(1);
        assertThat(r.out).isEmpty();
        assertThat(r.err.trim()).isEqualTo(file + ": rules[0] (reefer-temperature-high).levels[0]: unknown key"
                + " 'clear-belw'; accepted: severity, above, below, for, clear-below, clear-above, clear-for");
        RulesException job = catchThrowableOfType(() -> RulesFile.load(Path.of(file)), RulesException.class);
        assertThat(r.err.trim()).as("the message the job stops with").isEqualTo(job.getMessage());
    }

    @Test
    void checkOfAnUnknownKindListsTheKinds() throws Exception {
        String file = file("kind.yaml", "rules: [{name: t, kind: thresold, metric: temp_c, above: 8}]\n");
        Run r = rules("check", file);
        assertThat(r.code).isEqualTo(1);
        assertThat(r.err).contains(file + ": rules[0] (t).kind: unknown kind 'thresold'; kinds: threshold,"
                + " compound, deviation, held, rate, stuck, offline, anomaly-burst, sequence, fleet");
    }

    @Test
    void aFileThatCannotBeReadExitsOneNamingIt() {
        String missing = dir.resolve("nope.yaml").toString();
        Run r = rules("check", missing);
        assertThat(r.code).isEqualTo(1);
        assertThat(r.err).startsWith(missing + ": cannot read the rules file");
    }

    @Test
    void explainPrintsTheRulesOfTheGroupWithTheirKindAndKeysInWords() throws Exception {
        String file = file("rules.yaml", RULES);
        Run r = rules("explain", file, "--device-group", "reefers-west");
        assertThat(r.code).isZero();
        assertThat(r.out).containsSubsequence(
                "device group reefers-west: 3 of the 5 rules in " + file + " apply",
                "reefer-temperature-high: kind threshold, groups reefers-*",
                "  Cargo too warm",
                "  WARNING: temp_c > 8 for 5m; clear when temp_c < 6 for 2m",
                "  CRITICAL: temp_c > 12 for 5m; clear when temp_c < 10",
                "door: kind held, groups reefers-*, trucks-*",
                "  WARNING: door_open == 1 held for 15m; clear as soon as that no longer holds",
                "offline: kind offline, groups *",
                "  MAJOR: no reading for 10m (event time); clear at the next reading");
        assertThat(r.out).doesNotContain("pump-stuck");
    }

    @Test
    void explainOfAFileAddsNoBuiltInRuleAsTheJobAddsNone() throws Exception {
        String file = file("reefers.yaml", "rules: [{name: hot, kind: threshold, groups: reefers-*, metric: t,"
                + " above: 8}]\n");
        Run r = rules("explain", file, "--device-group", "trucks-south");
        assertThat(r.code).isZero();
        assertThat(r.out).contains("device group trucks-south: 0 of the 1 rule in " + file + " apply")
                .contains("a rules file replaces the built-in rules")
                .contains("no rule applies: devices of this group raise no alarms")
                .doesNotContain("kind offline").doesNotContain("kind anomaly-burst");
    }

    @Test
    void withoutAFileTheBuiltInRulesAreExplainedAsTheJobRunsThemWithoutRulesPath() {
        Run r = rules("explain", "--device-group", "trucks-south");
        assertThat(r.code).isZero();
        assertThat(AlarmRules.builtIn().forGroup("trucks-south").stream().map(rule -> rule.name)
                .collect(Collectors.toList())).containsExactly("device-offline", "anomaly-burst");
        assertThat(r.out).containsSubsequence("device group trucks-south: 2 of the 25 built-in rules apply",
                "device-offline: kind offline, groups *",
                "  MAJOR: no reading for 10m (event time); clear at the next reading",
                "anomaly-burst: kind anomaly-burst, groups *",
                "  WARNING: 6 anomalies within 10m (anomaly scores, anomaly.enabled); clear when none for 10m");
        assertThat(rules("check").out).startsWith("built-in rules: 25 rules, no mistakes");
    }

    @Test
    void explainOfABrokenFileExitsOneLikeCheck() throws Exception {
        String file = file("broken.yaml", "rules: [{name: o, kind: offline, after: 300}]\n");
        Run r = rules("explain", file, "--device-group", "reefers-west");
        assertThat(r.code).isEqualTo(1);
        assertThat(r.out).isEmpty();
        assertThat(r.err.trim()).isEqualTo(file + ": rules[0] (o).after: expected a duration (examples: 30s, 5m,"
                + " 2h), got 300");
    }

    @Test
    void aWrongCommandLineExitsTwoWithTheUsage() throws Exception {
        String file = file("rules.yaml", RULES);
        for (String[] args : new String[][] {{}, {"lint", file}, {"explain", file}, {"check", file, "other.yaml"},
                {"check", file, "--device-group", "g"}}) {
            Run r = rules(args);
            assertThat(r.code).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err).contains(RulesCommand.USAGE);
        }
    }
}
