package io.fleetstream.jobs.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/**
 * When a rule between options applies, with the words that say so in its message ("when source.type is kafka").
 * The words may depend on the command: a replay writes the live outputs only when asked, the other commands always.
 */
public final class When {
    /** Whether the condition holds for a configuration checked for a command. */
    public interface Test {
        boolean holds(FleetConfig cfg, Command command);
    }

    /** The words for a command; null: for the README, where the command is not known. */
    private interface Words {
        String of(Command command);
    }

    private final Words words;
    private final Test test;
    private final List<String> keys;

    private When(Words words, Test test, List<String> keys) {
        this.words = words;
        this.test = test;
        this.keys = Collections.unmodifiableList(keys);
    }

    /** A condition of its own: {@code words} such as "when a is x or b is y", and the keys it reads. */
    public static When of(String words, Test test, ConfigOption<?>... keys) {
        List<String> k = new ArrayList<>();
        for (ConfigOption<?> o : keys) {
            k.add(o.key());
        }
        return new When(c -> words, test, k);
    }

    public static When always() {
        return new When(c -> "", (cfg, c) -> true, List.of());
    }

    public static When isTrue(ConfigOption<Boolean> option) {
        return of("when " + option.key() + " is true", (cfg, c) -> cfg.get(option), option);
    }

    public static <T> When is(ConfigOption<T> option, T value) {
        return of("when " + option.key() + " is " + ConfigReference.valueText(value),
                (cfg, c) -> value.equals(cfg.get(option)), option);
    }

    /** The option is empty or not set. */
    public static When notGiven(ConfigOption<String> option) {
        return of("when " + option.key() + " is not set", (cfg, c) -> !Rules.given(cfg, option), option);
    }

    /**
     * An output the replay command writes only when {@code replayWrites} asks for it; the other commands always do.
     */
    public static When written(ConfigOption<Boolean> replayWrites) {
        List<String> k = List.of(replayWrites.key());
        return new When(c -> c == Command.REPLAY ? "when " + replayWrites.key() + " is true"
                        : c == null ? "(replay: only with " + replayWrites.key() + ")" : "",
                (cfg, c) -> c != Command.REPLAY || cfg.get(replayWrites), k);
    }

    /** Both hold; the words are joined ("when a is true and b is x"). */
    public When and(When other) {
        List<String> k = new ArrayList<>(keys);
        k.addAll(other.keys);
        return new When(c -> join(words.of(c), other.words.of(c)),
                (cfg, c) -> test.holds(cfg, c) && other.test.holds(cfg, c), k);
    }

    private static String join(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a + b;
        }
        return a + (b.startsWith("when ") ? " and " + b.substring("when ".length()) : " " + b);
    }

    boolean holds(FleetConfig cfg, Command command) {
        return test.holds(cfg, command);
    }

    /** "when ..." for a message of {@code command}; for the README when it is null. */
    String words(Command command) {
        return words.of(command);
    }

    List<String> keys() {
        return keys;
    }
}
