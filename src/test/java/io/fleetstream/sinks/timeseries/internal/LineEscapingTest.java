package io.fleetstream.sinks.timeseries.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineEscapingTest {

    private static String measurement(String s) {
        StringBuilder b = new StringBuilder();
        LineEscaping.measurement(s, b);
        return b.toString();
    }

    private static String key(String s) {
        StringBuilder b = new StringBuilder();
        LineEscaping.key(s, b);
        return b.toString();
    }

    private static String string(String s) {
        StringBuilder b = new StringBuilder();
        LineEscaping.stringValue(s, b);
        return b.toString();
    }

    @Test
    void plainNamesAreWrittenAsTheyAre() {
        assertThat(measurement("rollups")).isEqualTo("rollups");
        assertThat(key("device_id")).isEqualTo("device_id");
        assertThat(key("reefer-0042")).isEqualTo("reefer-0042");
        assertThat(string("ok")).isEqualTo("\"ok\"");
    }

    @Test
    void measurementsEscapeCommaSpaceAndBackslashButNotEquals() {
        assertThat(measurement("my measurement,x")).isEqualTo("my\\ measurement\\,x");
        assertThat(measurement("a=b")).isEqualTo("a=b");
        assertThat(measurement("a\\b")).isEqualTo("a\\\\b");
        assertThat(measurement("\"q\"")).isEqualTo("\"q\"");
    }

    @Test
    void tagsAndFieldKeysEscapeCommaEqualsSpaceAndBackslash() {
        assertThat(key("cold chain,west=1")).isEqualTo("cold\\ chain\\,west\\=1");
        assertThat(key("a\\b")).isEqualTo("a\\\\b");
        assertThat(key(" ")).isEqualTo("\\ ");
        assertThat(key(",,==")).isEqualTo("\\,\\,\\=\\=");
    }

    @Test
    void quotesNeedNoEscapeInTagsButDoInStrings() {
        assertThat(key("say \"hi\"")).isEqualTo("say\\ \"hi\"");
        assertThat(string("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
    }

    @Test
    void stringValuesEscapeQuoteAndBackslashOnly() {
        assertThat(string("C:\\temp, a=b")).isEqualTo("\"C:\\\\temp, a=b\"");
        assertThat(string("")).isEqualTo("\"\"");
    }

    @Test
    void aTrailingBackslashCannotEscapeTheDelimiterAfterIt() {
        // "dev\" followed by the comma that starts the next tag: the comma must stay a delimiter.
        assertThat(key("dev\\") + ",").isEqualTo("dev\\\\,");
        assertThat(string("ends with \\")).isEqualTo("\"ends with \\\\\"");
    }

    @Test
    void lineBreaksNeverReachTheLineAndBecomeSpaces() {
        assertThat(measurement("a\nb")).isEqualTo("a\\ b");
        assertThat(key("line1\nline2\r\n")).isEqualTo("line1\\ line2\\ \\ ");
        assertThat(string("two\nlines")).isEqualTo("\"two lines\"");
        assertThat(measurement("x\r") + key("y\n") + string("z\r\n")).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void nonAsciiIsKeptAndEncodedAsUtf8() {
        assertThat(key("Kühlhaus Süd")).isEqualTo("Kühlhaus\\ Süd");
        assertThat(key("冷蔵庫=1")).isEqualTo("冷蔵庫\\=1");
        assertThat(key("🚚,🚚")).isEqualTo("🚚\\,🚚");
        assertThat(string("température °C")).isEqualTo("\"température °C\"");
        assertThat(key("ü").getBytes(StandardCharsets.UTF_8)).containsExactly(0xC3, 0xBC);
    }

    @Test
    void doublesRoundTripAndIntegersCarryTheirSuffix() {
        for (double d : new double[] {0.1, 1.0 / 3, -0.0, 1e-300, 4.9e-324, Double.MAX_VALUE, 123456789.123456789,
                2e10, -17.25}) {
            StringBuilder b = new StringBuilder();
            LineEscaping.doubleValue(d, b);
            assertThat(Double.parseDouble(b.toString())).isEqualTo(d);
        }
        StringBuilder b = new StringBuilder();
        LineEscaping.longValue(Long.MIN_VALUE, b);
        assertThat(b.toString()).isEqualTo("-9223372036854775808i");
    }
}
