package io.fleetstream.operators.parse;

import static io.fleetstream.testing.HostileStrings.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.Reading;
import io.fleetstream.testing.HostileStrings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Hostile input at the parser: every hostile string as device id, device group and metric name, and JSON at the edges
 * of RFC 8259 and IEEE doubles. Each record is either read exactly or dead-lettered once with a reason; nothing is
 * read leniently.
 */
class HostileInputTest {
    private static final long NOW = 1_763_640_000_000L;

    private final Collected out = new Collected();
    private final List<Reading> readings = out.readings;
    private final List<String> rejected = out.rejected;
    private final List<String> dropped = out.dropped;

    private final ReadingParser parser = new ReadingParser(ParseSettings.defaults());

    @Test
    void everyHostileNameIsReadExactlyOrDeadLetteredOnceNamingTheField() {
        List<String> strings = HostileStrings.all();
        assertThat(strings).hasSizeGreaterThan(1_000);
        SoftAssertions soft = new SoftAssertions();
        int kept = 0;
        for (String s : strings) {
            for (String role : List.of("deviceId", "deviceGroup", "metric")) {
                readings.clear();
                rejected.clear();
                String id = role.equals("deviceId") ? s : "d1";
                String group = role.equals("deviceGroup") ? s : "g1";
                String metric = role.equals("metric") ? s : "temp_c";
                parse("{\"deviceId\":" + json(id) + ",\"deviceGroup\":" + json(group)
                        + ",\"timestamp\":1763633730250,\"data\":{" + json(metric) + ":1.5}}");
                boolean keep = role.equals("deviceGroup") ? HostileStrings.acceptableGroup(s)
                        : HostileStrings.acceptable(s);
                if (keep) {
                    kept++;
                    soft.assertThat(rejected).as("%s %s", role, json(s)).isEmpty();
                    soft.assertThat(readings).as("%s %s", role, json(s)).singleElement().satisfies(r -> {
                        soft.assertThat(r.deviceId).isEqualTo(id);
                        soft.assertThat(r.deviceGroup).isEqualTo(group);
                        soft.assertThat(r.metrics).containsExactly(metric);
                    });
                } else {
                    soft.assertThat(readings).as("%s %s", role, json(s)).isEmpty();
                    String field = role.equals("metric") ? "metric name" : role;
                    soft.assertThat(rejected).as("%s %s", role, json(s)).singleElement(
                            org.assertj.core.api.InstanceOfAssertFactories.STRING)
                            .startsWith("INVALID_FIELD|").contains("|" + field + " ");
                }
            }
        }
        soft.assertAll();
        assertThat(kept).as("names kept").isGreaterThan(3 * 900);
    }



    @Test
    void numbersAreKeptExactlyAsAnIeeeDoubleReadsThemAndNonFiniteOnesAreDroppedAndCounted() {
        String[] kept = {"0", "-0", "-0.0", "0e0", "1E2", "1e-400", "4.9e-324", "2.2250738585072014E-308",
                "1.7976931348623157e308", "-1.7976931348623157e308", "0.1", "9007199254740993",
                "123456789012345678901234567890", "1.00000000000000011102230246251565404236316680908203125"};
        for (String n : kept) {
            readings.clear();
            parse("{\"deviceId\":\"d1\",\"timestamp\":1763633730250,\"data\":{\"v\":" + n + "}}");
            assertThat(readings).as(n).singleElement().satisfies(r -> assertThat(
                    Double.doubleToRawLongBits(r.values[0])).as(n)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(n))));
        }
        for (String n : new String[] {"1e400", "-1e400", "1" + "0".repeat(400)}) {
            readings.clear();
            dropped.clear();
            parse("{\"deviceId\":\"d1\",\"timestamp\":1763633730250,\"data\":{\"v\":" + n + ",\"w\":1}}");
            assertThat(dropped).as(n).containsExactly("v");
            assertThat(readings).as(n).singleElement().satisfies(r -> assertThat(r.metrics).containsExactly("w"));
        }
        assertThat(rejected).isEmpty();
    }

    @Test
    void aDocumentThatIsNotStrictJsonIsADeadLetterNeverAReading() {
        String ok = "\"deviceId\":\"d1\",\"timestamp\":1763633730250,\"data\":{\"v\":1}";
        List<byte[]> bad = new ArrayList<>();
        for (String s : new String[] {
            "{" + ok + ",\"deviceId\":\"d2\"}", // a repeated name: which one is meant?
            "{\"deviceId\":\"d1\",\"timestamp\":1763633730250,\"data\":{\"v\":1,\"v\":2}}",
            "{" + ok + ",}", "{" + ok + "} {}", "[{" + ok + "}]", "{" + ok + "/* c */}", "{'deviceId':'d1'}",
            "{" + ok.replace("1}", "NaN}") + ",\"x\":NaN}", "{" + ok.replace(":1}", ":01}") + "}",
            "{" + ok.replace(":1}", ":+1}") + "}", "{" + ok.replace(":1}", ":.5}") + "}",
            "{" + ok.replace(":1}", ":1.}") + "}", "{" + ok.replace(":1}", ":0x10}") + "}",
            "{" + ok + ",\"x\":\"a\u0000b\"}", // a raw control character inside a string
            "{" + ok + ",\"x\":\"tab\there\"}", "{" + ok + ",\"x\":\"\\x41\"}", "{" + ok + ",\"x\":\"\\u12\"}",
            "{" + ok + ",\"x\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}", "{" + ok, "",
        }) {
            bad.add(s.getBytes(StandardCharsets.UTF_8));
        }
        // invalid UTF-8: a stray continuation byte, an overlong '/', a cut sequence, bytes that never occur, CESU-8
        for (byte[] b : new byte[][] {{(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE2, (byte) 0x82},
                {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}}) {
            bad.add(concat("{\"deviceId\":\"d", b, "\",\"timestamp\":1763633730250,\"data\":{\"v\":1}}"));
            bad.add(concat("{" + ok + ",\"x\":\"", b, "\"}"));
            bad.add(concat("{\"deviceId\":\"d1\",\"timestamp\":1763633730250,\"data\":{\"v", b, "\":1}}"));
        }
        for (byte[] b : bad) {
            readings.clear();
            rejected.clear();
            parser.parse(b, NOW, out);
            String shown = new String(b, StandardCharsets.UTF_8);
            assertThat(readings).as(shown).isEmpty();
            assertThat(rejected).as(shown).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .matches("(MALFORMED_JSON|INVALID_FIELD)\\|.*\\|.+");
        }
    }

    @Test
    void deepNestingInAnUnknownFieldAndALeadingByteOrderMarkAreRead() {
        String ok = "\"deviceId\":\"d1\",\"timestamp\":1763633730250,\"data\":{\"v\":1}";
        parse("{" + ok + ",\"x\":" + "[".repeat(500) + "]".repeat(500) + "}");
        // RFC 8259 lets a reader ignore a byte order mark
        parser.parse(concat("", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "{" + ok + "}"), NOW, out);
        assertThat(rejected).isEmpty();
        assertThat(readings).hasSize(2);
    }

    @Test
    void everyUnicodeScalarValueAsJavaEncodesItIsWellFormedUtf8AndEveryLoneSurrogateIsNot() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            boolean surrogate = cp >= 0xD800 && cp <= 0xDFFF;
            if (!surrogate) {
                assertThat(StrictUtf8.firstInvalid(b)).as("U+%04X", cp).isEqualTo(-1);
            }
        }
        // CESU-8 (a surrogate encoded on its own), overlong forms of NUL, '/' and U+FFFF, and beyond U+10FFFF
        for (int[] bad : new int[][] {{0xED, 0xA0, 0x80}, {0xED, 0xBF, 0xBF}, {0xC0, 0x80}, {0xE0, 0x80, 0xAF},
                {0xF0, 0x8F, 0xBF, 0xBF}, {0xF4, 0x90, 0x80, 0x80}, {0xF8, 0x88, 0x80, 0x80, 0x80}}) {
            byte[] b = new byte[bad.length + 1];
            b[0] = 'x';
            for (int i = 0; i < bad.length; i++) {
                b[i + 1] = (byte) bad[i];
            }
            assertThat(StrictUtf8.firstInvalid(b)).as(java.util.Arrays.toString(bad)).isEqualTo(1);
        }
    }

    private void parse(String json) {
        parser.parse(json.getBytes(StandardCharsets.UTF_8), NOW, out);
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        b.writeBytes(middle);
        b.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }
}
