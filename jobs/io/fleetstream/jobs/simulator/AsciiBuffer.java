package io.fleetstream.jobs.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable growable byte buffer for ASCII-only text. Everything the simulator writes is ASCII, so it skips the
 * char-to-UTF-8 encoding a StringBuilder would need and copies out exactly one array per payload.
 */
final class AsciiBuffer {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private byte[] bytes = new byte[512];
    private int length;

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    void reset() {
        length = 0;
    }

    int length() {
        return length;
    }

    void truncate(int newLength) {
        length = newLength;
    }

    byte[] toBytes() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int extra) {
        if (length + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
        }
    }

    AsciiBuffer append(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    AsciiBuffer append(byte[] ascii) {
        ensure(ascii.length);
        System.arraycopy(ascii, 0, bytes, length, ascii.length);
        length += ascii.length;
        return this;
    }

    AsciiBuffer append(long v) {
        if (v < 0) {
            append('-');
            v = -v;
        }
        return appendPadded(v, 1);
    }

    /** A non-negative number with at least {@code width} digits, zero-padded. */
    AsciiBuffer appendPadded(long v, int width) {
        int digits = 1;
        for (long x = v; x >= 10; x /= 10) {
            digits++;
        }
        digits = Math.max(digits, width);
        ensure(digits);
        for (int i = length + digits - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        length += digits;
        return this;
    }

    /** A value given in hundredths, without needless trailing zeros but with at least one decimal: 3.9, 4.0, 3.91. */
    AsciiBuffer appendCents(long cents) {
        if (cents < 0) {
            append('-');
            cents = -cents;
        }
        appendPadded(cents / 100, 1);
        append('.');
        long frac = cents % 100;
        if (frac % 10 == 0) {
            return append((char) ('0' + frac / 10));
        }
        return appendPadded(frac, 2);
    }

    /** ISO-8601 UTC with milliseconds, e.g. 2025-11-20T10:15:30.250Z, for years 0000–9999. */
    AsciiBuffer appendIsoMillis(long epochMillis) {
        long days = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        long msOfDay = Math.floorMod(epochMillis, MILLIS_PER_DAY);
        // civil_from_days (H. Hinnant): avoids java.time allocations on the hot path.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        appendPadded(year, 4).append('-').appendPadded(month, 2).append('-').appendPadded(day, 2).append('T');
        appendPadded(msOfDay / 3_600_000, 2).append(':').appendPadded(msOfDay / 60_000 % 60, 2).append(':');
        return appendPadded(msOfDay / 1000 % 60, 2).append('.').appendPadded(msOfDay % 1000, 3).append('Z');
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }
}
