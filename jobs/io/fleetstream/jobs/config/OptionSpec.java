package io.fleetstream.jobs.config;

import java.util.function.Predicate;
import org.apache.flink.configuration.ConfigOption;

/** A fleetstream option with the check its value must pass and the words that describe what it accepts. */
public final class OptionSpec<T> {
    private final String section;
    private final ConfigOption<T> option;
    private final Predicate<T> check;
    private final String accepted;

    OptionSpec(String section, ConfigOption<T> option, Predicate<T> check, String accepted) {
        this.section = section;
        this.option = option;
        this.check = check;
        this.accepted = accepted;
    }

    public String section() {
        return section;
    }

    public ConfigOption<T> option() {
        return option;
    }

    public String key() {
        return option.key();
    }

    /** What the option accepts, in words, for error messages and the README's reference. */
    public String accepted() {
        return accepted;
    }

    /**
     * A boolean option with a default: on the command line {@code --key} alone means true, as a switch reads
     * ({@code --resume}); {@code --key false} still works.
     */
    boolean isSwitch() {
        return option.hasDefaultValue() && option.defaultValue() instanceof Boolean;
    }

    boolean accepts(T value) {
        return check.test(value);
    }
}
