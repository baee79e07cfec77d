package io.fleetstream.operators.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.Reading;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadingParserTest {
    private static final long NOW = 1_763_640_000_000L; // 2025-11-20T12:00:00Z

    private final Collected out = new Collected();
    private final List<Reading> readings = out.readings;
    private final List<String> rejected = out.rejected;
    private final List<String> dropped = out.dropped;

    private void parse(String json) {
        new ReadingParser(ParseSettings.defaults()).parse(json.getBytes(StandardCharsets.UTF_8), NOW, out);
    }

    @Test
    void readsTheSeedPipelineRecord() {
        parse("{\"deviceId\":\"reefer-0042\",\"deviceGroup\":\"reefers-west\",\"timestamp\":1763633730250,"
                + "\"seq\":1834,\"data\":{\"temp_c\":3.9,\"setpoint_c\":4.0,\"door_open\":false,\"fuel_pct\":63.5}}");
        assertThat(rejected).isEmpty();
        assertThat(readings).hasSize(1);
        Reading r = readings.get(0);
        assertThat(r.deviceId).isEqualTo("reefer-0042");
        assertThat(r.deviceGroup).isEqualTo("reefers-west");
        assertThat(r.eventTime).isEqualTo(1763633730250L);
        assertThat(r.seq).isEqualTo(1834L);
        assertThat(r.metrics).containsExactly("temp_c", "setpoint_c", "door_open", "fuel_pct");
        assertThat(r.values).containsExactly(3.9, 4.0, 0.0, 63.5);
    }

    @Test
    void defaultsTheGroupAndAcceptsIsoTimestampsWithOffsets() {
        parse("{\"deviceId\":\"d1\",\"timestamp\":\"2025-11-20T11:15:30.250+01:00\",\"data\":{\"on\":true}}");
        assertThat(readings).singleElement().satisfies(r -> {
            assertThat(r.deviceGroup).isEqualTo("default");
            assertThat(r.eventTime).isEqualTo(1763633730250L);
            assertThat(r.seq).isNull();
            assertThat(r.values).containsExactly(1.0);
        });
    }

    @Test
    void unbundlesEdgeBundlesAndRejectsOnlyTheirBadElements() {
        parse("{\"deviceId\":\"gw-1\",\"deviceGroup\":\"edge\",\"readings\":["
                + "{\"timestamp\":1763633730000,\"seq\":1,\"data\":{\"t\":1}},"
                + "{\"timestamp\":\"yesterday\",\"seq\":2,\"data\":{\"t\":2}},"
                + "{\"timestamp\":1763633740000,\"seq\":3,\"data\":{\"t\":3}}]}");
        assertThat(readings).extracting(r -> r.seq).containsExactly(1L, 3L);
        assertThat(readings).allSatisfy(r -> assertThat(r.deviceId).isEqualTo("gw-1"));
        assertThat(rejected).singleElement().asString()
                .startsWith("BAD_TIMESTAMP|edge|readings[1].timestamp 'yesterday'");
    }

    @Test
    void dropsAndCountsMetricsThatAreNotFiniteNumbersOrBooleans() {
        parse("{\"deviceId\":\"d1\",\"timestamp\":1763633730000,"
                + "\"data\":{\"a\":1.5,\"b\":\"high\",\"c\":null,\"d\":{\"x\":1},\"e\":[1],\"f\":1e400,\"g\":\"NaN\"}}");
        assertThat(readings).singleElement().satisfies(r -> assertThat(r.metrics).containsExactly("a"));
        assertThat(dropped).containsExactly("b", "c", "d", "e", "f", "g");
    }

    @Test
    void recordWithNoUsableMetricIsADeadLetter() {
        parse("{\"deviceId\":\"d1\",\"timestamp\":1763633730000,\"data\":{\"b\":\"high\"}}");
        assertThat(readings).isEmpty();
        assertThat(rejected).singleElement().asString().startsWith("NO_USABLE_METRIC|default|");
        assertThat(dropped).containsExactly("b");
    }

    @Test
    void namesEveryRejectionReason() {
        parse("{\"deviceId\":\"d1\",\"timestamp\":17636337");
        parse("[1,2]");
        parse("{\"deviceId\":\"d1\"} trailing");
        parse("{\"timestamp\":1763633730000,\"data\":{\"t\":1}}");
        parse("{\"deviceId\":\"d1\",\"data\":{\"t\":1}}");
        parse("{\"deviceId\":\"d1\",\"timestamp\":1763633730000}");
        parse("{\"deviceId\":42,\"timestamp\":1763633730000,\"data\":{\"t\":1}}");
        parse("{\"deviceId\":\"d1\",\"timestamp\":1763633730000,\"seq\":\"x\",\"data\":{\"t\":1}}");
        parse("{\"deviceId\":\"d1\",\"timestamp\":1763633730,\"data\":{\"t\":1}}");
        parse("{\"deviceId\":\"d1\",\"timestamp\":1863633730000,\"data\":{\"t\":1}}");
        assertThat(readings).isEmpty();
        assertThat(rejected).extracting(s -> s.substring(0, s.indexOf('|'))).containsExactly(
                "MALFORMED_JSON", "MALFORMED_JSON", "MALFORMED_JSON", "MISSING_FIELD", "MISSING_FIELD",
                "MISSING_FIELD", "INVALID_FIELD", "INVALID_FIELD", "BAD_TIMESTAMP", "FUTURE_TIMESTAMP");
        assertThat(rejected.get(8)).contains("looks like epoch seconds");
        assertThat(rejected.get(9)).contains("parse.max-future");
    }

    @Test
    void rejectsRecordsOverTheSizeLimitWithoutParsingThem() {
        ReadingParser parser = new ReadingParser(new ParseSettings(100, 3_600_000L, 16, "default"));
        String big = "{\"deviceId\":\"d1\",\"timestamp\":1763633730000,\"data\":{\"t\":1},\"pad\":\""
                + "x".repeat(200) + "\"}";
        parser.parse(big.getBytes(StandardCharsets.UTF_8), NOW, out);
        assertThat(rejected).singleElement().asString().startsWith("RECORD_TOO_LARGE|null|record is " + big.length() + " bytes");
    }

    @Test
    void ignoresUnknownFieldsSoProducersCanAddThem() {
        parse("{\"deviceId\":\"d1\",\"fw\":{\"v\":[1,2,{\"a\":null}]},\"timestamp\":1763633730000,\"data\":{\"t\":1}}");
        assertThat(rejected).isEmpty();
        assertThat(readings).hasSize(1);
    }

    @Test
    void neverThrowsOnArbitraryBytes() {
        java.util.Random random = new java.util.Random(7);
        ReadingParser parser = new ReadingParser(ParseSettings.defaults());
        byte[] seed = ("{\"deviceId\":\"d1\",\"timestamp\":1763633730000,\"readings\":[{\"timestamp\":1,"
                + "\"data\":{\"t\":1}}],\"data\":{\"t\":true}}").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = seed.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            parser.parse(b, NOW, out);
        }
        assertThat(readings.size() + rejected.size()).isGreaterThanOrEqualTo(20_000);
    }
}
