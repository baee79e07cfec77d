package io.fleetstream.jobs.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A rule between options (made by {@link Rules}), declared beside them in their {@code *Options} class and checked
 * by {@link ConfigLoader} with every option's own check, for the command that runs: all problems of a configuration
 * are reported together, before anything is built.
 */
public final class CrossRule {
    /** The problem of a configuration, in words that name the keys, the values given and what is accepted; null: none. */
    public interface Check {
        String problem(FleetConfig cfg, Command command);
    }

    private final String section;
    private final String text;
    private final List<String> keys;
    private final Set<Command> commands;
    private final Check check;

    CrossRule(String text, List<String> keys, Check check) {
        this(null, text, keys, EnumSet.allOf(Command.class), check);
    }

    private CrossRule(String section, String text, List<String> keys, Set<Command> commands, Check check) {
        this.section = section;
        this.text = text;
        this.keys = Collections.unmodifiableList(new ArrayList<>(keys));
        this.commands = Collections.unmodifiableSet(EnumSet.copyOf(commands));
        this.check = check;
    }

    /** The same rule, holding for these commands only. */
    public CrossRule in(Command first, Command... more) {
        return in(EnumSet.of(first, more));
    }

    public CrossRule in(Set<Command> only) {
        return new CrossRule(section, text, keys, only, check);
    }

    /** The same rule, holding only when {@code when} does. */
    public CrossRule when(When when) {
        List<String> k = new ArrayList<>(keys);
        k.addAll(when.keys());
        String words = when.words(null);
        return new CrossRule(section, words.isEmpty() ? text : text + " " + words, k, commands,
                (cfg, c) -> when.holds(cfg, c) ? check.problem(cfg, c) : null);
    }

    CrossRule inSection(String name) {
        return new CrossRule(name, text, keys, commands, check);
    }

    public String section() {
        return section;
    }

    /** Every key the rule reads: a rule is not checked when one of them already has a problem of its own. */
    public List<String> keys() {
        return keys;
    }

    boolean appliesTo(Command command) {
        return commands.contains(command);
    }

    String problem(FleetConfig cfg, Command command) {
        return check.problem(cfg, command);
    }

    /** What the rule says, for the README, with the commands it holds for when not all that run the pipeline. */
    public String describe() {
        if (commands.containsAll(Command.PIPELINE)) {
            return text;
        }
        return text + " (" + commands.stream().map(Command::toString).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public String toString() {
        return describe() + " " + Arrays.toString(keys.toArray());
    }
}
