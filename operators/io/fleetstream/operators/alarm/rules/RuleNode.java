package io.fleetstream.operators.alarm.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.flink.util.TimeUtils;

/**
 * One value of a rules file together with where it sits ({@code rules[2] (door-open).levels[0].for}). Every read
 * checks the type, so each error can name the file, the path and what was expected instead of surfacing later as a
 * wrong alarm.
 */
final class RuleNode {
    static final String DURATION_EXAMPLES = "(examples: 30s, 5m, 2h)";

    private final String source;
    final String path;
    /** null when the key is absent; a NullNode when it is present without a value. */
    private final JsonNode value;

    RuleNode(String source, String path, JsonNode value) {
        this.source = source;
        this.path = path;
        this.value = value;
    }

    RulesException error(String message) {
        return new RulesException(source + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    /** The same value under another path: a rule's entry gets its name into the path once the name is known. */
    RuleNode at(String newPath) {
        return new RuleNode(source, newPath, value);
    }

    RuleNode get(String key) {
        return new RuleNode(source, path.isEmpty() ? key : path + "." + key, value == null ? null : value.get(key));
    }

    boolean present() {
        return value != null;
    }

    /** Absent, or present without a value (an empty YAML document, {@code key:} with nothing after it). */
    boolean isNothing() {
        return value == null || value.isNull() || value.isMissingNode();
    }

    boolean isMap() {
        return value != null && value.isObject();
    }

    boolean has(String key) {
        return value != null && value.has(key);
    }

    RuleNode require(String key) {
        if (!has(key)) {
            throw error("missing key '" + key + "'");
        }
        return get(key);
    }

    RuleNode map() {
        if (value == null || !value.isObject()) {
            throw error("expected a map, got " + describe());
        }
        return this;
    }

    /** Fails unless this is a map whose keys are all accepted ones, so a misspelt key is not silently ignored. */
    RuleNode map(List<String> accepted) {
        map();
        for (Iterator<String> keys = value.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!accepted.contains(key)) {
                throw error("unknown key '" + key + "'; accepted: " + String.join(", ", accepted));
            }
        }
        return this;
    }

    /** Which of the keys is given, failing unless exactly one is. */
    String oneOf(String... keys) {
        String found = atMostOneOf(keys);
        if (found == null) {
            throw error("needs one of " + String.join(", ", keys));
        }
        return found;
    }

    /** Which of the keys is given, or null; fails when more than one is. */
    String atMostOneOf(String... keys) {
        List<String> given = Arrays.stream(keys).filter(this::has).collect(Collectors.toList());
        if (given.size() > 1) {
            throw error("takes only one of " + String.join(", ", keys) + ", got " + String.join(" and ", given));
        }
        return given.isEmpty() ? null : given.get(0);
    }

    List<RuleNode> list() {
        if (value == null || !value.isArray()) {
            throw error("expected a list, got " + describe());
        }
        List<RuleNode> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            items.add(new RuleNode(source, path + "[" + i + "]", value.get(i)));
        }
        return items;
    }

    /** A non-empty list of texts; a single text stands for a list of one. */
    List<String> texts() {
        if (value != null && value.isTextual()) {
            return List.of(text());
        }
        List<String> texts = new ArrayList<>();
        for (RuleNode item : list()) {
            texts.add(item.text());
        }
        if (texts.isEmpty()) {
            throw error("needs at least one entry");
        }
        return texts;
    }

    String text() {
        // Numbers are not taken as text: YAML would hand over 1.10 as 1.1, so the file must quote them.
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw error("expected text, got " + describe());
        }
        return value.textValue().trim();
    }

    double number() {
        if (value == null || !value.isNumber()) {
            throw error("expected a number, got " + describe());
        }
        double v = value.doubleValue();
        if (!Double.isFinite(v)) {
            throw error("expected a finite number, got " + describe());
        }
        return v;
    }

    /** A number, or true/false as 1/0: boolean metrics (door_open) arrive as 1/0. */
    double numberOrBoolean() {
        return value != null && value.isBoolean() ? (value.booleanValue() ? 1 : 0) : number();
    }

    boolean bool() {
        if (value == null || !value.isBoolean()) {
            throw error("expected true or false, got " + describe());
        }
        return value.booleanValue();
    }

    int integer() {
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
            throw error("expected a whole number, got " + describe());
        }
        return value.intValue();
    }

    long millis() {
        if (value != null && value.isNumber() && value.doubleValue() == 0) {
            return 0;
        }
        if (value == null || !value.isTextual()) {
            throw error("expected a duration " + DURATION_EXAMPLES + ", got " + describe());
        }
        String text = value.textValue().trim();
        if (text.startsWith("-")) {
            throw error("'" + text + "' is negative; durations must not be");
        }
        Duration d;
        try {
            d = TimeUtils.parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw error("'" + text + "' is not a duration " + DURATION_EXAMPLES);
        }
        // Flink reads a bare number as milliseconds; in a rules file "for: 300" more likely meant seconds.
        if (!d.isZero() && text.chars().allMatch(Character::isDigit)) {
            throw error("'" + text + "' has no unit " + DURATION_EXAMPLES);
        }
        return d.toMillis();
    }

    long positiveMillis() {
        long ms = millis();
        if (ms <= 0) {
            throw error("must be longer than 0");
        }
        return ms;
    }

    Severity severity() {
        String text = text();
        try {
            return Severity.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw error("unknown severity '" + text + "'; severities: " + Arrays.stream(Severity.values())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    String describe() {
        if (isNothing()) {
            return "nothing";
        }
        if (value.isObject()) {
            return "a map";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isTextual()) {
            return "'" + value.textValue() + "'";
        }
        return value.toString();
    }
}
