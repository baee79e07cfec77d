package io.fleetstream.jobs.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.flink.configuration.description.HtmlFormatter;

/** Renders the README's configuration reference from the options themselves, so the two cannot drift apart. */
public final class ConfigReference {
    private ConfigReference() {}

    public static String markdown() {
        StringBuilder b = new StringBuilder();
        String section = null;
        for (OptionSpec<?> s : FleetOptions.all()) {
            if (!s.section().equals(section)) {
                rules(b, section);
                section = s.section();
                b.append(b.length() == 0 ? "" : "\n").append("#### ").append(section).append("\n\n")
                        .append("| key | default | accepts | description |\n|---|---|---|---|\n");
            }
            b.append("| `").append(s.key()).append("` | ").append(defaultText(s)).append(" | ")
                    .append(s.accepted()).append(" | ").append(new HtmlFormatter().format(s.option().description()).replace("|", "\\|"))
                    .append(" |\n");
        }
        rules(b, section);
        return b.toString();
    }

    /** The section's rules between options, as a list under its table. */
    private static void rules(StringBuilder b, String section) {
        List<CrossRule> rules = FleetOptions.rules().stream().filter(r -> r.section().equals(section))
                .collect(Collectors.toList());
        if (rules.isEmpty()) {
            return;
        }
        b.append("\nRules between options:\n\n");
        for (CrossRule r : rules) {
            String text = r.describe();
            for (String key : r.keys()) {
                text = text.replaceAll("(?<![\\w.`<-])" + Pattern.quote(key) + "(?![\\w`>-]|\\.\\w)",
                        Matcher.quoteReplacement("`" + key + "`"));
            }
            b.append("- ").append(text).append("\n");
        }
    }

    private static String defaultText(OptionSpec<?> s) {
        if (!s.option().hasDefaultValue()) {
            return "(none)";
        }
        return "`" + valueText(s.option().defaultValue()) + "`";
    }

    /** A typed value as an option takes it: {@code 5 min}, {@code kafka}. */
    static String valueText(Object v) {
        if (v instanceof Duration) {
            return durationText((Duration) v);
        }
        if (v instanceof Enum) {
            return v.toString().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(v);
    }

    /** {@code 30 s}, {@code 5 min}, {@code 2 h}, {@code 7 d}: the form Flink reads back. */
    public static String durationText(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 86_400_000L == 0) {
            return ms / 86_400_000L + " d";
        }
        if (ms != 0 && ms % 3_600_000L == 0) {
            return ms / 3_600_000L + " h";
        }
        if (ms != 0 && ms % 60_000L == 0) {
            return ms / 60_000L + " min";
        }
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
