package io.fleetstream.jobs.config;

import io.fleetstream.connectors.kinesis.KinesisClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.MemorySize;

/** Collects the options of one section of the configuration, each with its check. */
final class Specs {
    private final String section;
    private final List<OptionSpec<?>> specs = new ArrayList<>();

    Specs(String section) {
        this.section = section;
    }

    <T> ConfigOption<T> add(ConfigOption<T> option, Predicate<T> check, String accepted) {
        specs.add(new OptionSpec<>(section, option, check, accepted));
        return option;
    }

    ConfigOption<String> text(ConfigOption<String> option) {
        return add(option, v -> true, "text");
    }

    ConfigOption<Integer> atLeast(ConfigOption<Integer> option, int min) {
        return add(option, v -> v >= min, "an integer >= " + min);
    }

    ConfigOption<Integer> between(ConfigOption<Integer> option, int min, int max) {
        return add(option, v -> v >= min && v <= max, "an integer from " + min + " to " + max);
    }

    ConfigOption<Long> anyLong(ConfigOption<Long> option) {
        return add(option, v -> true, "an integer");
    }

    ConfigOption<Double> fraction(ConfigOption<Double> option) {
        return add(option, v -> v >= 0 && v <= 1, "a number from 0 to 1");
    }

    ConfigOption<Double> nonNegative(ConfigOption<Double> option) {
        return add(option, v -> v >= 0, "a number >= 0");
    }

    ConfigOption<Boolean> bool(ConfigOption<Boolean> option) {
        return add(option, v -> true, "true or false");
    }

    ConfigOption<Duration> positive(ConfigOption<Duration> option) {
        return add(option, v -> !v.isNegative() && !v.isZero(), "a positive duration such as 30 s, 5 min, 2 h, 7 d");
    }

    ConfigOption<Duration> nonNegativeDuration(ConfigOption<Duration> option) {
        return add(option, v -> !v.isNegative(), "a duration >= 0 such as 0 s, 30 s, 5 min, 2 h");
    }

    /** Empty, or an ISO-8601 instant ({@code 2025-11-20T00:00:00Z}); when one is required is a rule of its own. */
    ConfigOption<String> instant(ConfigOption<String> option) {
        return add(option, v -> v.isEmpty() || Instants.parse(v) != null, "an ISO-8601 instant such as 2025-11-20T00:00:00Z (or a date: midnight UTC)");
    }

    /** Not set, or a Kinesis stream ARN; when it is required is a rule of its own. */
    ConfigOption<String> streamArn(ConfigOption<String> option) {
        return add(option, v -> v.isBlank() || AwsNames.STREAM_ARN.matcher(v.trim()).matches(),
                AwsNames.STREAM_ARN_EXAMPLE);
    }

    /** Not set, or an AWS region; what stands in for it when it is not set is the option's own. */
    ConfigOption<String> region(ConfigOption<String> option) {
        return add(option, v -> v.isBlank() || v.trim().matches(AwsNames.REGION), "an AWS region such as eu-west-1");
    }

    /** Empty (not given), or an http:// or https:// URL with a host. */
    ConfigOption<String> httpUrl(ConfigOption<String> option, String example) {
        return add(option, v -> v.isBlank() || KinesisClients.httpUrl(v) != null,
                "an http:// or https:// URL such as " + example);
    }

    ConfigOption<MemorySize> size(ConfigOption<MemorySize> option, MemorySize min) {
        return add(option, v -> v.compareTo(min) >= 0, "a size of at least " + min + " such as 512 kb, 4 mb");
    }

    /** Values are listed as Flink parses them: an enum's {@code toString()}, in any case. */
    <E extends Enum<E>> ConfigOption<E> oneOf(ConfigOption<E> option, Class<E> type) {
        String values = Arrays.stream(type.getEnumConstants())
                .map(e -> e.toString().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        return add(option, v -> true, "one of " + values);
    }

    /** The section's rules between options, declared after its options. */
    List<CrossRule> rules(CrossRule... declared) {
        List<CrossRule> rules = new ArrayList<>();
        for (CrossRule r : declared) {
            rules.add(r.inSection(section));
        }
        return Collections.unmodifiableList(rules);
    }

    List<OptionSpec<?>> list() {
        return Collections.unmodifiableList(new ArrayList<>(specs));
    }
}
