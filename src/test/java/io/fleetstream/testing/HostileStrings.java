package io.fleetstream.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetstream.lake.LakePartitions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Strings that break naive code, to use as device ids, groups and metric names: the Big List of Naughty Strings
 * (minimaxir/big-list-of-naughty-strings, MIT), the names, keys and values of influxdata/line-protocol's test corpus
 * (MIT), both under src/test/resources/hostile/ with their licences, and our own edge cases of names that reach a
 * path, a line-protocol tag, a DynamoDB key or a JSON string.
 */
public final class HostileStrings {
    private HostileStrings() {}

    /** Ours: escapes of every output format, path tricks, invisible and reordering characters, lengths at the limit. */
    public static final List<String> OURS = List.of(
            "\u0000", "a\u0000b", "a\nb", "\r", "\t", "line\r\nbreak", "\u007f", "\u0085", "\u009f",
            "\ud800", "\udfff", "a\ud800b", "\udc00\ud800", "\ud83d\ude00", "\ud83d\ude00\ud800",
            "\ufeff", "\ufeffbom", "\u200b", "\u200d", "\u202e", "\u2028", "\u2029", "e\u0301", "\uffff", "\ufffd",
            " ", "  ", " leading", "trailing ", "\\", "a\\", "\\,", "a\\,b", "\"", "'", "=", ",", "a b,c=d",
            "a=\"b\"", "#", "%", "%2F", "%%", "%zz", "/", "../..", "..", ".", "./x", "a/../../b", "C:\\x",
            "dt=2025-01-01", "hr=99", "device_group=x", "_SUCCESS", ".hidden", "part-0.parquet", "*", "?", "[x]",
            "{", "}", "^", ":", "NaN", "null", "true", "-0", "1e400", "__proto__", "<script>", "'; DROP TABLE x;--",
            "x".repeat(256), "x".repeat(257), "\ud83d\ude00".repeat(128), "\ud83d\ude00".repeat(129), "");

    /** Every hostile string once, in a fixed order: ours, then the naughty strings, then the line-protocol corpus's. */
    public static List<String> all() {
        Set<String> all = new LinkedHashSet<>(OURS);
        all.addAll(resource("blns.json"));
        all.addAll(resource("line-protocol-strings.json"));
        return Collections.unmodifiableList(new ArrayList<>(all));
    }

    /**
     * Whether a name is one to keep, by the rule stated apart from the code under test: 1 to 256 UTF-16 units that
     * survive a trip through UTF-8 (no unpaired surrogate) and hold no control character.
     */
    public static boolean acceptable(String s) {
        return !s.isEmpty() && s.length() <= 256
                && new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s)
                && s.codePoints().noneMatch(Character::isISOControl);
    }

    /** A group also names a folder, device_group=<Hive-escaped group>, which file systems limit to 255 bytes. */
    public static boolean acceptableGroup(String group) {
        return acceptable(group)
                && ("device_group=" + LakePartitions.escape(group)).getBytes(StandardCharsets.UTF_8).length <= 255;
    }

    /** A JSON string of s in ASCII: every character outside printable ASCII as a \\u escape, unpaired surrogates too. */
    public static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static List<String> resource(String name) {
        try (InputStream in = HostileStrings.class.getResourceAsStream("/hostile/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource /hostile/" + name + " is missing");
            }
            return new ObjectMapper().readValue(in, new TypeReference<List<String>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
