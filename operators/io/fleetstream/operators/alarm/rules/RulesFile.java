package io.fleetstream.operators.alarm.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads alarm rules from a YAML or JSON file into a {@link RuleSet}. Reading is strict, since a rule that is
 * silently misread raises wrong alarms or none: unknown keys, missing keys, wrong types and contradictions all fail
 * with a {@link RulesException} naming the file, the path in it and the rule.
 *
 * <pre>
 * version: 1                            # optional
 * rules:
 *   - name: reefer-temperature-high     # unique; letters, digits, . _ -
 *     kind: threshold                   # one of the kinds of RuleKinds
 *     groups: ["reefers-*"]             # device-group globs, default "*"
 *     description: Cargo too warm       # optional
 *     ...                               # the keys of the kind
 * </pre>
 *
 * <p>Each kind reads its own keys: {@link RuleKinds} lists the kinds, and each kind's class documents its keys
 * (README.md, "The rules file", documents them for users). Durations are Flink's (30s, 5m, 2h, 500ms); severities
 * INFO, WARNING (the default), MAJOR, CRITICAL.
 */
public final class RulesFile {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    // Duplicate keys would otherwise mean "the last one wins", hiding a copy-paste mistake.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private RulesFile() {}

    /** Parses rules text; {@code sourceName} names it in errors and, ending in .json, selects JSON over YAML. */
    public static RuleSet parse(String text, String sourceName) {
        boolean json = sourceName.toLowerCase(Locale.ROOT).endsWith(".json");
        JsonNode tree;
        try {
            tree = (json ? JSON : YAML).readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            String problem = e.getOriginalMessage().startsWith("Trailing token")
                    ? (json ? "more after the end of the top-level value" : "a second YAML document")
                    : e.getOriginalMessage();
            throw new RulesException(sourceName + ": " + where + "not valid " + (json ? "JSON" : "YAML") + ": "
                    + problem, e);
        }
        return convert(new RuleNode(sourceName, "", tree));
    }

    /** Reads a file: YAML, or JSON when it ends in .json (any other name is read as YAML, a superset of JSON). */
    public static RuleSet load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RulesException(file + ": cannot read the rules file: " + e, e);
        }
        return parse(text, file.toString());
    }

    /** Reads a classpath resource, e.g. {@code io/fleetstream/jobs/default-rules.yaml}. */
    public static RuleSet loadResource(String name) {
        String path = name.startsWith("/") ? name.substring(1) : name;
        ClassLoader loader = RulesFile.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new RulesException(path + ": no such resource on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), path);
        } catch (IOException e) {
            throw new RulesException(path + ": cannot read the rules resource: " + e, e);
        }
    }

    private static RuleSet convert(RuleNode root) {
        if (root.isNothing()) {
            throw root.error("the file is empty; expected a map with a 'rules' list");
        }
        if (!root.isMap()) {
            throw root.error("expected a map with a 'rules' list, got " + root.describe());
        }
        root.map(List.of("rules", "version"));
        if (root.has("version") && root.get("version").integer() != 1) {
            throw root.get("version").error("only version 1 exists");
        }
        List<AlarmRule> rules = new ArrayList<>();
        List<RuleNode> entries = new ArrayList<>();
        Map<String, String> takenBy = new HashMap<>();
        for (RuleNode entry : root.require("rules").list()) {
            RuleHead head = head(entry);
            RuleNode rule = entry.at(entry.path + " (" + head.name + ")");
            for (AlarmRule r : RuleKinds.named(head.kind).parse(rule, head)) {
                String first = takenBy.putIfAbsent(r.name, rule.path);
                if (first != null) {
                    throw rule.error("rule name '" + r.name + "' is already used by " + first);
                }
                rules.add(r);
                entries.add(rule);
            }
        }
        // once every name is known: a rule may refer to one further down the file
        Map<String, AlarmRule> byName = new HashMap<>();
        rules.forEach(r -> byName.put(r.name, r));
        for (int i = 0; i < rules.size(); i++) {
            rules.get(i).ruleKind().resolve(entries.get(i), rules.get(i), byName);
        }
        return new RuleSet(rules);
    }

    private static RuleHead head(RuleNode entry) {
        entry.map();
        String name = entry.require("name").text();
        if (!NAME.matcher(name).matches()) {
            throw entry.get("name").error("'" + name + "' is not a rule name: use letters, digits, '.', '_' and '-'");
        }
        RuleNode rule = entry.at(entry.path + " (" + name + ")");
        String kind = rule.require("kind").text();
        if (!RuleKinds.exists(kind)) {
            throw rule.get("kind").error("unknown kind '" + kind + "'; kinds: " + String.join(", ", RuleKinds.names()));
        }
        List<String> groups = rule.has("groups") ? rule.get("groups").texts() : List.of("*");
        String description = rule.has("description") ? rule.get("description").text() : null;
        return new RuleHead(name, kind, groups, description);
    }
}
