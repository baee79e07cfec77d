package io.fleetstream.operators.parse;

import java.io.Serializable;

/** Limits that decide whether a record is accepted. */
public final class ParseSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    final int maxRecordBytes;
    final long maxFutureMillis;
    final int maxRawBytes;
    final String defaultGroup;

    public ParseSettings(int maxRecordBytes, long maxFutureMillis, int maxRawBytes, String defaultGroup) {
        this.maxRecordBytes = maxRecordBytes;
        this.maxFutureMillis = maxFutureMillis;
        this.maxRawBytes = maxRawBytes;
        this.defaultGroup = defaultGroup;
    }

    public static ParseSettings defaults() {
        return new ParseSettings(1 << 20, 3_600_000L, 4096, "default");
    }
}
