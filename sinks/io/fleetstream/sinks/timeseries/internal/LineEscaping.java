package io.fleetstream.sinks.timeseries.internal;

/**
 * Escaping of InfluxDB line protocol, element by element, as its reference specifies: measurements escape comma
 * and space; tag keys, tag values and field keys escape comma, equals sign and space; string field values escape
 * double quote and backslash. Non-ASCII text is kept as it is (the body is UTF-8).
 *
 * <p>Two choices go beyond the reference. A backslash is always written doubled: the protocol reads {@code \\} as
 * one backslash, and a single one before a delimiter would escape it (a tag value {@code a\} must not swallow the
 * comma after it). A line break (CR or LF) cannot be written anywhere in a line, escaped or not, so each becomes a
 * space; {@code "a\nb"} is stored as {@code "a b"}.
 */
public final class LineEscaping {
    private LineEscaping() {}

    /** A measurement name: comma, space and backslash escaped. */
    public static void measurement(CharSequence s, StringBuilder out) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = lineBreakAsSpace(s.charAt(i));
            if (c == ',' || c == ' ' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
    }

    /** A tag key, tag value or field key: comma, equals sign, space and backslash escaped. */
    public static void key(CharSequence s, StringBuilder out) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = lineBreakAsSpace(s.charAt(i));
            if (c == ',' || c == '=' || c == ' ' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
    }

    /** A string field value, quotes included: double quote and backslash escaped. */
    public static void stringValue(CharSequence s, StringBuilder out) {
        out.append('"');
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = lineBreakAsSpace(s.charAt(i));
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    /**
     * A float field value. {@link Double#toString} gives digits that parse back to the same double; the caller
     * must leave out NaN and the infinities, which line protocol cannot express.
     */
    public static void doubleValue(double v, StringBuilder out) {
        out.append(v);
    }

    /** An integer field value: the {@code i} suffix tells the store it is a 64-bit integer, not a float. */
    public static void longValue(long v, StringBuilder out) {
        out.append(v).append('i');
    }

    private static char lineBreakAsSpace(char c) {
        return c == '\n' || c == '\r' ? ' ' : c;
    }
}
