package io.fleetstream.connectors.kinesis.source.internal;

/** Why the reading of a shard ended. Codes are what checkpoints store; never reuse one. */
public enum ShardOutcome {
    /** The shard was closed by a reshard (or before the window) and is read to its end: its children come next. */
    CLOSED(1),
    /** A record arrived at or after the end of the window: the shard was still open then. */
    PASSED_END(2),
    /** Nothing more to read and the window is over: the shard is open and can only receive records after it. */
    AT_TIP(3),
    /** Not read: a parent was still open at the end of the window, so this shard was created after it. */
    SKIPPED(4);

    public final int code;

    ShardOutcome(int code) {
        this.code = code;
    }

    /**
     * Whether children may hold records of the window. Only a shard closed before it could have handed keys on
     * to children inside it; children of a shard that outlived the window were created after the window.
     */
    public boolean childrenMayHoldTheWindow() {
        return this == CLOSED;
    }

    public static ShardOutcome ofCode(int code) {
        for (ShardOutcome o : values()) {
            if (o.code == code) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown shard outcome code " + code);
    }
}
