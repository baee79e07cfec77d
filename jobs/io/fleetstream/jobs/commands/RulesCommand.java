package io.fleetstream.jobs.commands;

import io.fleetstream.jobs.pipeline.AlarmRules;
import io.fleetstream.operators.alarm.rules.AlarmRule;
import io.fleetstream.operators.alarm.rules.RuleSet;
import io.fleetstream.operators.alarm.rules.RulesException;
import io.fleetstream.operators.alarm.rules.RulesFile;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code rules check [file]} and {@code rules explain [file] --device-group G}: a rules file read the way the job
 * reads {@code rules.path} (same reader, same parser, same messages), so a mistake shows up before a deployment
 * rather than as a job that stops at start-up, and what applies to a group can be seen without running anything.
 * Without a file: the built-in rules, which the job runs with when {@code rules.path} is empty.
 */
public final class RulesCommand {
    static final String USAGE = "usage: rules check [<file>] | rules explain [<file>] --device-group <group>";

    private RulesCommand() {}

    /** 0: fine; 1: the rules file has a mistake or cannot be read; 2: the command line is wrong. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Args a;
        try {
            a = Args.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("rules: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        String text = null;
        if (a.file != null) {
            try {
                text = AlarmRules.read(a.file);
            } catch (IOException | RuntimeException e) {
                err.println(a.file + ": cannot read the rules file: " + e.getMessage());
                return 1;
            }
        }
        RuleSet rules;
        try {
            rules = a.file == null ? AlarmRules.builtIn() : RulesFile.parse(text, a.file);
        } catch (RulesException e) {
            err.println(e.getMessage());
            return 1;
        }
        if (a.check) {
            check(rules, a, out);
        } else {
            explain(rules, a, out);
        }
        return 0;
    }

    /** Every rule under each of its group patterns, patterns in the order the file first uses them. */
    private static void check(RuleSet rules, Args a, PrintStream out) {
        out.println((a.file == null ? "built-in rules" : a.file) + ": " + count(rules.rules().size())
                + ", no mistakes");
        Map<String, List<AlarmRule>> byPattern = new LinkedHashMap<>();
        for (AlarmRule rule : rules.rules()) {
            for (String pattern : rule.groups) {
                byPattern.computeIfAbsent(pattern, p -> new ArrayList<>()).add(rule);
            }
        }
        byPattern.forEach((pattern, matching) -> {
            out.println();
            out.println("device groups " + pattern + " (" + count(matching.size()) + "):");
            for (AlarmRule rule : matching) {
                out.println("  " + rule);
            }
        });
    }

    private static void explain(RuleSet rules, Args a, PrintStream out) {
        List<AlarmRule> applying = rules.forGroup(a.group);
        int all = rules.rules().size();
        if (a.file == null) {
            out.println("device group " + a.group + ": " + applying.size() + " of the " + all
                    + " built-in rules apply (the job's rules while rules.path is empty)");
        } else {
            out.println("device group " + a.group + ": " + applying.size() + " of the " + count(all) + " in "
                    + a.file + " apply");
            out.println("(a rules file replaces the built-in rules: none of those is added, offline and"
                    + " anomaly-burst included)");
        }
        if (applying.isEmpty()) {
            out.println("no rule applies: devices of this group raise no alarms");
        }
        for (AlarmRule rule : applying) {
            out.println();
            out.println(rule.name + ": kind " + rule.kind + ", groups " + String.join(", ", rule.groups));
            if (rule.description != null) {
                out.println("  " + rule.description);
            }
            for (String line : rule.ruleKind().explain(rule)) {
                out.println("  " + line);
            }
        }
    }

    private static String count(int rules) {
        return rules == 1 ? "1 rule" : rules + " rules";
    }

    /** The command line: what to do, to which file, for which group. */
    private static final class Args {
        boolean check;
        String file;
        String group;

        static Args parse(String[] args) {
            if (args.length == 0 || !(args[0].equals("check") || args[0].equals("explain"))) {
                throw new IllegalArgumentException(args.length == 0 ? "check or explain?"
                        : "unknown action '" + args[0] + "'");
            }
            Args a = new Args();
            a.check = args[0].equals("check");
            for (int i = 1; i < args.length; i++) {
                if (args[i].equals("--device-group") && !a.check && i + 1 < args.length) {
                    a.group = args[++i];
                } else if (args[i].startsWith("--") || a.file != null) {
                    throw new IllegalArgumentException("unexpected '" + args[i] + "'");
                } else {
                    a.file = args[i];
                }
            }
            if (!a.check && a.group == null) {
                throw new IllegalArgumentException("explain needs --device-group <group>");
            }
            return a;
        }
    }
}
