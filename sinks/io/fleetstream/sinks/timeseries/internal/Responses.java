package io.fleetstream.sinks.timeseries.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** What a write API's HTTP status means for the points sent, and how a failure is described. */
public final class Responses {
    private Responses() {}

    /** At most this many characters of a response body go into an error message. */
    static final int MAX_BODY_CHARS = 1000;

    public enum Outcome {
        /** Written. */
        WRITTEN,
        /** The store is busy, down or unreachable: send the same points again after a while. */
        RETRY,
        /** Sending the same points again would fail the same way (bad line, auth, unknown bucket). */
        FAIL
    }

    public static Outcome classify(int status) {
        if (status >= 200 && status < 300) {
            return Outcome.WRITTEN;
        }
        if (status == 408 || status == 429) {
            return Outcome.RETRY;
        }
        // 501 Not Implemented and 505 HTTP Version Not Supported will not change on a retry.
        if (status >= 500 && status < 600 && status != 501 && status != 505) {
            return Outcome.RETRY;
        }
        return Outcome.FAIL;
    }

    /** Seconds of a {@code Retry-After: <seconds>} header, as milliseconds; the HTTP-date form is not used. */
    public static long retryAfterMillis(Optional<String> header) {
        if (header.isEmpty()) {
            return 0;
        }
        try {
            long seconds = Long.parseLong(header.get().trim());
            return seconds > 0 ? Math.multiplyExact(seconds, 1000L) : 0;
        } catch (NumberFormatException | ArithmeticException e) {
            return 0;
        }
    }

    /** {@code HTTP 400 from <url>: <body, truncated>}, plus what to check where the status says. */
    public static String describe(int status, byte[] body, String url) {
        StringBuilder b = new StringBuilder("HTTP ").append(status).append(" from ").append(url);
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
        if (!text.isEmpty()) {
            b.append(": ");
            if (text.length() > MAX_BODY_CHARS) {
                b.append(text, 0, MAX_BODY_CHARS).append("... (").append(text.length() - MAX_BODY_CHARS)
                        .append(" more characters)");
            } else {
                b.append(text);
            }
        }
        String hint = hint(status);
        if (hint != null) {
            b.append(" (").append(hint).append(')');
        }
        return b.toString();
    }

    private static String hint(int status) {
        switch (status) {
            case 400:
                return "the store could not parse or store a line; a field whose type differs from the stored one "
                        + "is the usual cause";
            case 401:
            case 403:
                return "check the token: it must be allowed to write to the bucket";
            case 404:
                return "check the endpoint, org and bucket: the bucket must exist";
            case 413:
                return "a request was too large for the store: lower the batch's maximum bytes";
            default:
                return status >= 300 && status < 400 ? "check the endpoint: redirects are not followed" : null;
        }
    }
}
