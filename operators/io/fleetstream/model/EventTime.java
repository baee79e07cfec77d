package io.fleetstream.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The only reading of an event time: the input contract's {@code timestamp}. The reading parser, the watermark
 * scanner of raw records and the alarm-command parser all read it here, so no record can move a watermark with a
 * time the parser then rejects, and no two readers disagree on an instant.
 *
 * <p>The rules, given the text of a JSON number or the content of a JSON string:
 * <ul>
 *   <li><b>Epoch milliseconds</b>, as a JSON number or a JSON string holding one, in JSON's own number syntax: an
 *       optional minus, no plus, no leading zeros, an optional fraction and exponent ({@code 1763633730250},
 *       {@code 1763633730250.5}, {@code 1.76363373025e12}). A fraction of a millisecond is dropped (rounded down),
 *       as an ISO string's digits past the millisecond are.</li>
 *   <li><b>ISO-8601</b>, only as a JSON string: a date-time with an offset, as
 *       {@link java.time.format.DateTimeFormatter#ISO_OFFSET_DATE_TIME} reads it ({@code 2025-11-20T10:15:30.250Z},
 *       {@code 2025-11-20T11:15:30.250+01:00}; seconds and up to 9 fraction digits optional, offset {@code Z} or
 *       {@code ±hh[:mm[:ss]]}, 'T' and 'Z' in either case). Without an offset the instant would be a guess, so it
 *       is refused; so are leap seconds ({@code 23:59:60}, which java.time has no instant for) and 24:00.</li>
 *   <li>At most {@value #MAX_CHARS} ASCII characters, not trimmed: whitespace inside a string is an error.</li>
 *   <li><b>Range</b> {@code [2000-01-01T00:00:00Z, 9999-12-31T23:59:59.999Z]}: earlier is almost always epoch
 *       seconds sent as milliseconds; later has no four-digit year, which the lake's {@code dt=YYYY-MM-DD}
 *       partitions need. So epoch milliseconds have 12 to 15 digits, and epoch seconds are refused.</li>
 *   <li>Relative to the record's ingest time, no more than {@code parse.max-future} ahead:
 *       {@link #tooFarAhead}.</li>
 * </ul>
 */
public final class EventTime {
    private EventTime() {}

    /** 2000-01-01T00:00:00Z, the earliest event time accepted. */
    public static final long MIN_MILLIS = 946_684_800_000L;
    /** 9999-12-31T23:59:59.999Z, the latest event time accepted. */
    public static final long MAX_MILLIS = 253_402_300_799_999L;
    /** What the readers return for text that is no event time; outside the range, so never a valid answer. */
    public static final long INVALID = Long.MIN_VALUE;
    /** Longest text read: far more than any valid form needs, and it bounds the work a hostile record costs. */
    public static final int MAX_CHARS = 64;

    private static final BigDecimal MIN = BigDecimal.valueOf(MIN_MILLIS);
    private static final BigDecimal END = BigDecimal.valueOf(MAX_MILLIS + 1);
    /** Digits of MAX_MILLIS: a plain integer this long or shorter fits a long without overflow checks. */
    private static final int MAX_DIGITS = 15;

    /**
     * The event time {@code text} stands for, in epoch milliseconds, or {@link #INVALID}.
     *
     * @param text the text of a JSON number, or the content of a JSON string (its escapes decoded)
     * @param quoted whether it was a JSON string
     */
    public static long parse(String text, boolean quoted) {
        return quoted ? fromString(text) : fromNumber(text);
    }

    private static long fromNumber(String text) {
        int n = text.length();
        if (n == 0 || n > MAX_CHARS) {
            return INVALID;
        }
        // What producers send almost always: a plain integer, read without BigDecimal.
        if (n <= MAX_DIGITS && text.charAt(0) >= '1' && text.charAt(0) <= '9' && digits(text, 1, n) == n) {
            return inRange(Long.parseLong(text));
        }
        if (!isJsonNumber(text)) {
            return INVALID;
        }
        // Compared before rounding: BigDecimal compares exponents first, so 1e999999999 costs nothing.
        BigDecimal d = decimal(text);
        if (d == null || d.compareTo(MIN) < 0 || d.compareTo(END) >= 0) {
            return INVALID;
        }
        return d.setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    private static long fromString(String text) {
        if (text.length() > MAX_CHARS || !ascii(text)) {
            return INVALID;
        }
        if (isJsonNumber(text)) {
            return fromNumber(text);
        }
        long utc = canonicalUtc(text);
        if (utc != INVALID) {
            return inRange(utc);
        }
        try {
            return inRange(OffsetDateTime.parse(text).toInstant().toEpochMilli());
        } catch (DateTimeException | ArithmeticException e) {
            return INVALID;
        }
    }

    /**
     * What producers send almost always, {@code yyyy-MM-ddTHH:mm:ss[.f...]Z}, read without java.time's parser (the
     * watermark scanner reads every record's time in the source's one thread, where that parser was a sixth of the
     * CPU); {@link #INVALID} for anything else, which then goes to {@code OffsetDateTime.parse}. Only text that parser
     * reads the same way is taken here, so the result is the same either way.
     */
    private static long canonicalUtc(String t) {
        int n = t.length();
        if (n < 20 || n > 30 || t.charAt(4) != '-' || t.charAt(7) != '-' || (t.charAt(10) != 'T' && t.charAt(10) != 't')
                || t.charAt(13) != ':' || t.charAt(16) != ':' || (t.charAt(n - 1) != 'Z' && t.charAt(n - 1) != 'z')) {
            return INVALID;
        }
        int year = number(t, 0, 4);
        int month = number(t, 5, 7);
        int day = number(t, 8, 10);
        int hour = number(t, 11, 13);
        int minute = number(t, 14, 16);
        int second = number(t, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return INVALID;
        }
        int millis = 0;
        if (n > 20) {
            // a fraction of 1 to 9 digits after a dot; digits past the millisecond are dropped, as java.time does
            int digits = n - 21;
            if (t.charAt(19) != '.' || digits < 1 || digits > 9 || number(t, 20, n - 1) < 0) {
                return INVALID;
            }
            for (int i = 0; i < 3; i++) {
                millis = millis * 10 + (i < digits ? t.charAt(20 + i) - '0' : 0);
            }
        } else if (t.charAt(19) != 'Z' && t.charAt(19) != 'z') {
            return INVALID;
        }
        if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return INVALID;
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1_000L + millis;
    }

    /** The decimal digits t[from, to) as a number, -1 when any is not a digit. */
    private static int number(String t, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** True when {@code millis} is further ahead of the ingest time than {@code maxFutureMillis} allows. */
    public static boolean tooFarAhead(long millis, long ingestTime, long maxFutureMillis) {
        return millis - ingestTime > maxFutureMillis;
    }

    /** Why {@link #parse} refuses {@code text}, for a dead letter; null when it does not. */
    public static String problem(String text, boolean quoted) {
        if (parse(text, quoted) != INVALID) {
            return null;
        }
        String shown = quoted ? "'" + abbreviate(text) + "'" : abbreviate(text);
        if (text.length() > MAX_CHARS) {
            return shown + " is longer than " + MAX_CHARS + " characters";
        }
        if (isJsonNumber(text)) {
            BigDecimal d = decimal(text);
            if (d == null) {
                return shown + " is out of range";
            }
            if (d.compareTo(MIN) < 0) {
                boolean seconds = d.compareTo(BigDecimal.valueOf(MIN_MILLIS / 1000)) >= 0
                        && d.compareTo(BigDecimal.valueOf(100_000_000_000L)) < 0;
                return shown + " is before " + Instant.ofEpochMilli(MIN_MILLIS)
                        + (seconds ? " (it looks like epoch seconds; milliseconds are expected)" : "");
            }
            return shown + " is after " + Instant.ofEpochMilli(MAX_MILLIS);
        }
        if (!quoted) {
            return shown + " is not a JSON number";
        }
        if (ascii(text)) {
            try {
                OffsetDateTime.parse(text);
                return shown + " is outside " + Instant.ofEpochMilli(MIN_MILLIS) + " to "
                        + Instant.ofEpochMilli(MAX_MILLIS);
            } catch (DateTimeException e) {
                // not ISO-8601 either
            }
        }
        return shown + " is not epoch milliseconds or an ISO-8601 date-time with an offset (e.g. "
                + "2025-11-20T10:15:30.250Z)";
    }

    private static long inRange(long millis) {
        return millis >= MIN_MILLIS && millis <= MAX_MILLIS ? millis : INVALID;
    }

    /** Null when the exponent does not fit an int (1e99999999999): out of range either way. */
    private static BigDecimal decimal(String jsonNumber) {
        try {
            return new BigDecimal(jsonNumber);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** JSON's number syntax (RFC 8259): {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    private static boolean isJsonNumber(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        if (i < n && s.charAt(i) == '0') {
            i++;
        } else {
            int end = digits(s, i, n);
            if (end == i) {
                return false;
            }
            i = end;
        }
        if (i < n && s.charAt(i) == '.') {
            int end = digits(s, i + 1, n);
            if (end == i + 1) {
                return false;
            }
            i = end;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int end = digits(s, i, n);
            if (end == i) {
                return false;
            }
            i = end;
        }
        return i == n;
    }

    /** The index of the first non-digit in {@code s} from {@code from}, or {@code to}. */
    private static int digits(String s, int from, int to) {
        int i = from;
        while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        return s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS) + "...";
    }
}
