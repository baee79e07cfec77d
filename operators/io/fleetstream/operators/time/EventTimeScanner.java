package io.fleetstream.operators.time;

import io.fleetstream.model.EventTime;
import java.nio.charset.StandardCharsets;

/**
 * Finds the event time of a raw payload without parsing it: the smallest {@code "timestamp"} value in it (a bundle
 * holds several) that {@link EventTime} accepts, read by the same rules as the parser's. Sources use it to generate
 * watermarks per Kafka partition, Kinesis shard or file, where interleaved partitions must not push each other's
 * data late; parsing proper happens after the source.
 *
 * <p>It cuts out each value's JSON token the way a JSON parser would (a number up to the next delimiter, a string
 * up to its closing quote with its escapes decoded) and hands it to {@link EventTime}, so a value the parser would
 * refuse is skipped here too. What it does not check is the rest of the record.
 *
 * <p>Returns {@link Long#MIN_VALUE} when it finds no accepted timestamp, which a watermark generator ignores.
 */
public final class EventTimeScanner {
    private EventTimeScanner() {}

    private static final byte[] KEY = "\"timestamp\"".getBytes(StandardCharsets.US_ASCII);

    public static long scan(byte[] b) {
        long min = Long.MAX_VALUE;
        for (int i = indexOf(b, 0); i >= 0; i = indexOf(b, i + KEY.length)) {
            int p = skipSpace(b, i + KEY.length);
            if (p >= b.length || b[p] != ':') {
                continue;
            }
            p = skipSpace(b, p + 1);
            long t = p < b.length && b[p] == '"' ? stringAt(b, p + 1) : numberAt(b, p);
            if (t != EventTime.INVALID && t < min) {
                min = t;
            }
        }
        return min == Long.MAX_VALUE ? Long.MIN_VALUE : min;
    }

    /** The token up to a delimiter; anything else in it (a letter, a quote) makes it no JSON number. */
    private static long numberAt(byte[] b, int start) {
        int end = start;
        while (end < b.length && end - start <= EventTime.MAX_CHARS && !delimiter(b[end])) {
            end++;
        }
        return EventTime.parse(new String(b, start, end - start, StandardCharsets.ISO_8859_1), false);
    }

    private static boolean delimiter(byte c) {
        return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /**
     * The string from {@code start} (after its opening quote), decoded as a JSON parser decodes it. Raw control
     * characters are invalid JSON and non-ASCII is never an event time, so both end the scan of this value.
     */
    private static long stringAt(byte[] b, int start) {
        StringBuilder s = new StringBuilder(32);
        int p = start;
        while (p < b.length && s.length() <= EventTime.MAX_CHARS) {
            int c = b[p++] & 0xff;
            if (c == '"') {
                return EventTime.parse(s.toString(), true);
            }
            if (c < 0x20 || c >= 0x80) {
                return EventTime.INVALID;
            }
            if (c != '\\') {
                s.append((char) c);
                continue;
            }
            if (p >= b.length) {
                return EventTime.INVALID;
            }
            int e = b[p++];
            switch (e) {
                case '"':
                case '\\':
                case '/':
                    s.append((char) e);
                    break;
                case 'b':
                    s.append('\b');
                    break;
                case 'f':
                    s.append('\f');
                    break;
                case 'n':
                    s.append('\n');
                    break;
                case 'r':
                    s.append('\r');
                    break;
                case 't':
                    s.append('\t');
                    break;
                case 'u':
                    int u = p + 4 <= b.length ? hex4(b, p) : -1;
                    if (u < 0) {
                        return EventTime.INVALID;
                    }
                    s.append((char) u);
                    p += 4;
                    break;
                default:
                    return EventTime.INVALID;
            }
        }
        // Unterminated, or longer than any event time.
        return EventTime.INVALID;
    }

    private static int hex4(byte[] b, int p) {
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int d = Character.digit(b[p + k], 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    private static int skipSpace(byte[] b, int p) {
        while (p < b.length && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r' || b[p] == '\n')) {
            p++;
        }
        return p;
    }

    private static int indexOf(byte[] b, int from) {
        outer:
        for (int i = from; i <= b.length - KEY.length; i++) {
            for (int k = 0; k < KEY.length; k++) {
                if (b[i + k] != KEY[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
