package io.fleetstream.operators.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.EventTime;
import io.fleetstream.model.RawRecord;
import io.fleetstream.model.Reading;
import io.fleetstream.model.ReasonCode;
import io.fleetstream.operators.alarm.commands.CommandParser;
import io.fleetstream.operators.parse.ParseSettings;
import io.fleetstream.operators.parse.ReadingParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One table of timestamp values, fed to every reader of an event time: the reading parser (a single reading and a
 * bundle element), the watermark scanner of raw records (alone, and through the source's timestamp assigner) and
 * the alarm-command parser. Each must give the table's answer, so they agree with each other on what is accepted
 * and on the instant, and a record can only move a watermark with a time that becomes a reading.
 */
class EventTimeScannerAgreesWithParserTest {
    private static final long NOW = Instant.parse("2025-11-20T12:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;
    private static final String T = "2025-11-20T10:15:30.250Z";
    private static final String MIN = "2000-01-01T00:00:00Z";
    private static final String MAX = "9999-12-31T23:59:59.999Z";

    /** The timestamp's JSON value as it stands in a record, and the instant it is, or null when it is refused. */
    private static final String[][] CASES = {
        // Epoch milliseconds, digit counts either side of every boundary of the range.
        {"1763633730250", T},
        {"99999999999", null},
        {"946684799999", null},
        {"946684800000", MIN},
        {"999999999999", "2001-09-09T01:46:39.999Z"},
        {"1000000000000", "2001-09-09T01:46:40Z"},
        {"9999999999999", "2286-11-20T17:46:39.999Z"},
        {"10000000000000", "2286-11-20T17:46:40Z"},
        {"99999999999999", "5138-11-16T09:46:39.999Z"},
        {"100000000000000", "5138-11-16T09:46:40Z"},
        {"253402300799999", MAX},
        {"253402300800000", null},
        {"999999999999999", null},
        {"1000000000000000", null},
        {"1763633730250000", null},
        {"9999999999999999", null},
        {"176363373025000000", null},
        {"999999999999999999", null},
        {"1763633730250000000", null},
        {"9223372036854775807", null},
        {"9223372036854775808", null},
        {"-9223372036854775808", null},
        {"17636337302500000000000", null},
        // Epoch seconds are refused: milliseconds are the contract.
        {"1763633730", null},
        {"946684800", null},
        {"1763633730.25", null},
        // Signs and zeros.
        {"0", null},
        {"-0", null},
        {"-1", null},
        {"-1763633730250", null},
        {"+1763633730250", null},
        {"01763633730250", null},
        {"00", null},
        {"-01", null},
        // Fractions: the millisecond, rounded down.
        {"1763633730250.0", T},
        {"1763633730250.5", T},
        {"1763633730250.999999999", T},
        {"946684799999.999", null},
        {"253402300799999.9", MAX},
        {"-0.0", null},
        {"1763633730250.", null},
        {".5", null},
        // Exponents.
        {"1.76363373025e12", T},
        {"1.76363373025E+12", T},
        {"176363373025000e-2", T},
        {"1763633730250e0", T},
        {"1.7636337302505e12", T},
        {"1e13", "2286-11-20T17:46:40Z"},
        {"1e400", null},
        {"1e-400", null},
        {"1e99999999999", null},
        {"1e", null},
        {"1E+", null},
        // Length: 64 characters at most.
        {"1763633730250." + "0".repeat(50), T},
        {"1763633730250." + "0".repeat(51), null},
        // JSON whitespace around a number is not part of it.
        {"  1763633730250  ", T},
        {"\n1763633730250\t", T},
        // Not a number or a string.
        {"", null},
        {"null", null},
        {"true", null},
        {"{}", null},
        {"[]", null},
        {"[1763633730250]", null},
        {"NaN", null},
        {"Infinity", null},
        {"1763633730250x", null},
        // A string holding a number is that number.
        {"\"1763633730250\"", T},
        {"\"1763633730250.5\"", T},
        {"\"1.76363373025e12\"", T},
        {"\"1763633730\"", null},
        {"\"176363373025000000\"", null},
        {"\"01763633730250\"", null},
        {"\"+1763633730250\"", null},
        {"\"-1763633730250\"", null},
        {"\" 1763633730250\"", null},
        {"\"1763633730250 \"", null},
        {"\"\\t1763633730250\"", null},
        {"\"\\u0031763633730250\"", T},
        {"\"\"", null},
        {"\" \"", null},
        // ISO-8601 with an offset.
        {"\"" + T + "\"", T},
        {"\"2025-11-20T11:15:30.250+01:00\"", T},
        {"\"2025-11-20T05:15:30.250-05:00\"", T},
        {"\"2025-11-20T10:15:30.250+00:00\"", T},
        {"\"2025-11-20T10:15:30.250-00:00\"", T},
        {"\"2025-11-20T11:15:30.250+01\"", T},
        {"\"2025-11-20T11:15:30.250+01:00:00\"", T},
        {"\"2025-11-20t10:15:30.250z\"", T},
        {"\"2025-11-20T10:15:30Z\"", "2025-11-20T10:15:30Z"},
        {"\"2025-11-20T10:15Z\"", "2025-11-20T10:15:00Z"},
        {"\"2025-11-20T10:15:30.250999999Z\"", T},
        {"\"2025-11-20T10:15:30.2509999999Z\"", null},
        {"\"2025-11-20T11:15:30.250+0100\"", null},
        {"\"2025-11-20T10:15:30,250Z\"", null},
        {"\"2025-11-20T10:15:30.250Z[UTC]\"", null},
        {"\"2025-11-20T10:15:30.250 Z\"", null},
        {"\"2025-11-20 10:15:30.250Z\"", null},
        {"\"20251120T101530Z\"", null},
        // Without a zone the instant would be a guess.
        {"\"2025-11-20T10:15:30.250\"", null},
        {"\"2025-11-20\"", null},
        // Whitespace inside the string is not trimmed.
        {"\" " + T + "\"", null},
        {"\"" + T + " \"", null},
        {"\"" + T + "\\n\"", null},
        // Times that do not exist in java.time's calendar: leap seconds, 24:00, February 29th of 2025.
        {"\"2016-12-31T23:59:60Z\"", null},
        {"\"2025-11-20T23:59:60Z\"", null},
        {"\"2025-11-20T24:00:00Z\"", null},
        {"\"2025-02-29T00:00:00Z\"", null},
        {"\"2025-13-45T99:99:99Z\"", null},
        // The range, as ISO: the instant counts, not the local date-time.
        {"\"1999-12-31T23:59:59.999Z\"", null},
        {"\"2000-01-01T00:00:00Z\"", MIN},
        {"\"2000-01-01T00:59:59.999+01:00\"", null},
        {"\"9999-12-31T23:59:59.999Z\"", MAX},
        {"\"9999-12-31T23:59:59.999999999Z\"", MAX},
        {"\"9999-12-31T23:59:59.999-01:00\"", null},
        {"\"0000-01-01T00:00:00Z\"", null},
        {"\"10000-01-01T00:00:00Z\"", null},
        {"\"+10000-01-01T00:00:00Z\"", null},
        {"\"+999999999-12-31T23:59:59Z\"", null},
        {"\"-2025-11-20T10:15:30Z\"", null},
        // JSON escapes are decoded before the rules apply; non-ASCII is never an event time.
        {"\"2025-11-20T10:15:30.250\\u005a\"", T},
        {"\"2025-11-20T10:15:30.250\\u005A\"", T},
        {"\"2025-11-20T10:15:30.250Z\\u00a0\"", null},
        {"\"2025-11-20T10:15:30.250Z\\x\"", null},
        {"\"\uff12\uff10\uff12\uff15-11-20T10:15:30Z\"", null},
        {"\"" + T + "\u00e9\"", null},
    };

    @Test
    void everyReaderGivesTheTablesInstantOrRefusesWithIt() {
        List<String> wrong = new ArrayList<>();
        for (String[] c : CASES) {
            Long expected = c[1] == null ? null : Instant.parse(c[1]).toEpochMilli();
            check(wrong, c[0], "parser, a reading", parsed(single(c[0]), Long.MAX_VALUE), expected);
            check(wrong, c[0], "parser, a bundle element", parsed(bundle(c[0]), Long.MAX_VALUE), expected);
            check(wrong, c[0], "scanner, a reading", scanned(single(c[0])), expected);
            check(wrong, c[0], "scanner, a bundle element", scanned(bundle(c[0])), expected);
            check(wrong, c[0], "command parser", command(c[0]), expected);
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theParserAndTheSourcesAssignerAgreeOnWhatIsTooFarAhead() {
        List<String> wrong = new ArrayList<>();
        RawRecordWatermarks.Assigner assigner = new RawRecordWatermarks.Assigner(HOUR);
        for (String[] c : CASES) {
            Long accepted = c[1] == null ? null : Instant.parse(c[1]).toEpochMilli();
            Long expected = accepted == null || EventTime.tooFarAhead(accepted, NOW, HOUR) ? null : accepted;
            long assigned = assigner.extractTimestamp(new RawRecord(single(c[0]), "t", NOW), Long.MIN_VALUE);
            check(wrong, c[0], "parser, 1 h ahead at most", parsed(single(c[0]), HOUR), expected);
            check(wrong, c[0], "assigner, 1 h ahead at most", assigned == Long.MIN_VALUE ? null : assigned, expected);
        }
        assertThat(wrong).isEmpty();
        assertThat(List.of(CASES)).as("the table holds times either side of the limit").anyMatch(c -> c[1] != null && Instant.parse(c[1]).toEpochMilli() > NOW + HOUR)
                .anyMatch(c -> c[1] != null && Instant.parse(c[1]).toEpochMilli() <= NOW + HOUR);
    }

    private static void check(List<String> wrong, String value, String reader, Long got, Long expected) {
        if (got == null ? expected != null : !got.equals(expected)) {
            wrong.add(reader + " read " + value + " as " + (got == null ? "refused" : Instant.ofEpochMilli(got))
                    + ", expected " + (expected == null ? "refused" : Instant.ofEpochMilli(expected)));
        }
    }

    private static byte[] single(String value) {
        return utf8("{\"deviceId\":\"d\",\"timestamp\":" + value + ",\"data\":{\"t\":1}}");
    }

    private static byte[] bundle(String value) {
        return utf8("{\"deviceId\":\"d\",\"readings\":[{\"timestamp\":" + value + ",\"data\":{\"t\":1}}]}");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The event time of the one reading the parser made of the record, or null when it made none. */
    private static Long parsed(byte[] record, long maxFutureMillis) {
        List<Long> times = new ArrayList<>();
        new ReadingParser(new ParseSettings(1 << 20, maxFutureMillis, 4096, "default")).parse(record, NOW,
                new ReadingParser.Output() {
                    @Override
                    public void reading(Reading reading) {
                        times.add(reading.eventTime);
                    }

                    @Override
                    public void rejected(ReasonCode reason, String detail, String deviceId, String deviceGroup) {}

                    @Override
                    public void droppedMetric(String metric, String why) {}
                });
        assertThat(times).hasSizeLessThanOrEqualTo(1);
        return times.isEmpty() ? null : times.get(0);
    }

    private static Long scanned(byte[] record) {
        long t = EventTimeScanner.scan(record);
        return t == Long.MIN_VALUE ? null : t;
    }

    private static Long command(String value) {
        try {
            return CommandParser.parse(utf8("{\"command\":\"RESET\",\"deviceId\":\"d\",\"timestamp\":" + value + "}"))
                    .command.eventTime;
        } catch (CommandParser.InvalidCommand e) {
            return null;
        }
    }
}
