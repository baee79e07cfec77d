package io.fleetstream.jobs.config;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;

/**
 * The kinds of rule between options. Each names in its message the keys, the values given (the default's, said so,
 * when one was not given) and what is accepted. An option counts as given when it is set and not blank, a switch
 * when it is true.
 */
public final class Rules {
    private Rules() {}

    /** {@code option} must be given: {@code what} says what it holds. */
    public static CrossRule required(ConfigOption<?> option, String what) {
        return requiredWhen(option, When.always(), what);
    }

    /** {@code option} must be given when {@code when} holds. */
    public static CrossRule requiredWhen(ConfigOption<?> option, When when, String what) {
        return new CrossRule(option.key() + " is required", keys(option),
                (cfg, c) -> given(cfg, option) ? null : missing(cfg, c, option.key(), option, when, what))
                .when(when);
    }

    /** {@code option} or, when it is not given, {@code orElse} must be given when {@code when} holds. */
    public static CrossRule oneRequiredWhen(ConfigOption<String> option, ConfigOption<String> orElse, When when,
            String what) {
        String names = option.key() + " (or " + orElse.key() + ")";
        return new CrossRule(names + " is required", keys(option, orElse),
                (cfg, c) -> given(cfg, option) || given(cfg, orElse) ? null : missing(cfg, c, names, orElse, when, what))
                .when(when);
    }

    private static String missing(FleetConfig cfg, Command command, String names, ConfigOption<?> option, When when,
            String what) {
        String words = when.words(command);
        return names + " is required " + (words.isEmpty() ? "for " + command : words)
                + (cfg.isSet(option) ? " (it is empty)" : "") + ": " + what;
    }

    /** {@code option} must not be given when {@code when} holds: {@code why} says what it would mean, or what to do. */
    public static CrossRule absentWhen(ConfigOption<String> option, When when, String why) {
        return new CrossRule(option.key() + " is not set", keys(option), (cfg, c) -> {
            if (!given(cfg, option)) {
                return null;
            }
            String words = when.words(c);
            return "invalid value " + quoted(cfg, option) + " for option '" + option.key() + "': expected none"
                    + (words.isEmpty() ? "" : " " + words) + "; " + why;
        }).when(when);
    }

    /**
     * Both or neither. The message says which one is set, not its value: the pairs that go together are a key and
     * its secret.
     */
    public static CrossRule together(ConfigOption<?> a, ConfigOption<?> b, String both, String neither) {
        return new CrossRule(a.key() + " and " + b.key() + " go together", keys(a, b), (cfg, c) -> {
            boolean ga = given(cfg, a);
            if (ga == given(cfg, b)) {
                return null;
            }
            return a.key() + " and " + b.key() + " go together: only " + (ga ? a : b).key() + " is set; set both ("
                    + both + ") or neither (" + neither + ")";
        });
    }

    /** Not both: {@code why} says what each does. {@code b} may be given under a fallback key of its own. */
    public static CrossRule exclusive(ConfigOption<?> a, ConfigOption<?> b, String why) {
        return new CrossRule(a.key() + " and " + b.key() + " exclude each other", keys(a, b), (cfg, c) -> {
            if (!given(cfg, a) || !given(cfg, b)) {
                return null;
            }
            boolean isSwitch = cfg.get(a) instanceof Boolean;
            return "invalid value " + quoted(cfg, a) + " for option '" + a.key() + "': expected "
                    + (isSwitch ? "false" : "none") + " when " + givenKey(cfg, b) + " is set; " + why;
        });
    }

    /**
     * {@code option} takes {@code value} when {@code when} holds; {@code why} goes on the message ("(a shingle
     * would ...)", "with bench, which ...").
     */
    public static <T> CrossRule expect(ConfigOption<T> option, T value, When when, String why) {
        String expected = ConfigReference.valueText(value);
        return new CrossRule(option.key() + " is " + expected, keys(option), (cfg, c) -> {
            if (value.equals(cfg.get(option))) {
                return null;
            }
            String words = when.words(c);
            return "invalid value " + quoted(cfg, option) + " for option '" + option.key() + "': expected " + expected
                    + (words.isEmpty() ? "" : " " + words) + (why.isEmpty() ? "" : " " + why);
        }).when(when);
    }

    /** {@code a} is at most {@code b}. */
    public static <T extends Comparable<? super T>> CrossRule atMost(ConfigOption<T> a, ConfigOption<T> b) {
        return new CrossRule(a.key() + " is at most " + b.key(), keys(a, b), (cfg, c) -> {
            if (cfg.get(a).compareTo(cfg.get(b)) <= 0) {
                return null;
            }
            return "invalid value " + quoted(cfg, a) + " for option '" + a.key() + "': expected at most "
                    + b.key() + " (" + quoted(cfg, b) + ")";
        });
    }

    /** Two instants: {@code a} before {@code b}. A missing or malformed one is left to its own check. */
    public static CrossRule before(ConfigOption<String> a, ConfigOption<String> b, String why) {
        return new CrossRule(a.key() + " is before " + b.key(), keys(a, b), (cfg, c) -> {
            Instant ia = given(cfg, a) ? Instants.parse(cfg.get(a)) : null;
            Instant ib = given(cfg, b) ? Instants.parse(cfg.get(b)) : null;
            if (ia == null || ib == null || ia.isBefore(ib)) {
                return null;
            }
            return "invalid window: " + a.key() + " (" + ia + ") must be before " + b.key() + " (" + ib + "); "
                    + why;
        });
    }

    /** Any other rule: {@code text} says it in the README, {@code check} words the problem. */
    public static CrossRule check(String text, CrossRule.Check check, ConfigOption<?>... keys) {
        return new CrossRule(text, keys(keys), check);
    }

    /** Set and not blank; a switch: true. Fallback keys count. */
    static boolean given(FleetConfig cfg, ConfigOption<?> option) {
        Object v = cfg.get(option);
        if (v instanceof String) {
            return !((String) v).isBlank();
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        return v != null;
    }

    /** The value as given, quoted, or the default's, said so. */
    public static String quoted(FleetConfig cfg, ConfigOption<?> option) {
        String key = givenKey(cfg, option);
        if (cfg.asMap().containsKey(key)) {
            return "'" + cfg.asMap().get(key) + "'";
        }
        Object v = cfg.get(option);
        return v == null ? "(none)" : "'" + ConfigReference.valueText(v) + "' (the default)";
    }

    /** The key {@code option} was given under: its own or one of its fallback keys. */
    private static String givenKey(FleetConfig cfg, ConfigOption<?> option) {
        if (cfg.asMap().containsKey(option.key())) {
            return option.key();
        }
        for (FallbackKey k : option.fallbackKeys()) {
            if (cfg.asMap().containsKey(k.getKey())) {
                return k.getKey();
            }
        }
        return option.key();
    }

    private static List<String> keys(ConfigOption<?>... options) {
        List<String> k = new ArrayList<>();
        for (ConfigOption<?> o : options) {
            k.add(o.key());
        }
        return k;
    }
}
