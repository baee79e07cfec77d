package io.fleetstream.operators.time;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Finds the event time of a raw payload without parsing it: the smallest {@code "timestamp"} value in it (a bundle
 * holds several). Sources use it to generate watermarks per Kafka partition, Kinesis shard or file, where
 * interleaved partitions must not push each other's data late; parsing proper happens after the source.
 *
 * <p>Returns {@link Long#MIN_VALUE} when it finds no usable timestamp, which a watermark generator ignores.
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
            long t = p < b.length && b[p] == '"' ? isoAt(b, p + 1) : numberAt(b, p);
            if (t != Long.MIN_VALUE && t < min) {
                min = t;
            }
        }
        return min == Long.MAX_VALUE ? Long.MIN_VALUE : min;
    }

    private static long numberAt(byte[] b, int p) {
        long v = 0;
        int digits = 0;
        while (p < b.length && b[p] >= '0' && b[p] <= '9' && digits < 18) {
            v = v * 10 + (b[p++] - '0');
            digits++;
        }
        return digits == 0 ? Long.MIN_VALUE : v;
    }

    private static long isoAt(byte[] b, int start) {
        int end = start;
        while (end < b.length && b[end] != '"' && end - start < 40) {
            end++;
        }
        if (end >= b.length || b[end] != '"') {
            return Long.MIN_VALUE;
        }
        String s = new String(b, start, end - start, StandardCharsets.US_ASCII);
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            return numberAt(b, start);
        }
        try {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            return Long.MIN_VALUE;
        }
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
