package io.fleetstream.replay.kinesis.internal;

import java.io.Serializable;
import java.time.Instant;
import java.util.Properties;

/** What a replay reads: one stream, the arrival-time window [from, to), and how to reach the stream. */
public final class ReplaySettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public final String streamArn;
    public final Instant from;
    public final Instant to;
    /** GetRecords' limit: at most this many records a call (Kinesis allows up to 10,000). */
    public final int recordsPerPoll;
    private final Properties clientProperties;

    public ReplaySettings(String streamArn, Instant from, Instant to, int recordsPerPoll,
            Properties clientProperties) {
        this.streamArn = streamArn;
        this.from = from;
        this.to = to;
        this.recordsPerPoll = recordsPerPoll;
        this.clientProperties = new Properties();
        this.clientProperties.putAll(clientProperties);
    }

    /** The stream's name, the last part of its ARN ({@code arn:aws:kinesis:<region>:<account>:stream/<name>}). */
    public String streamName() {
        return streamArn.substring(streamArn.lastIndexOf('/') + 1);
    }

    /** The region part of the ARN. */
    public String arnRegion() {
        return streamArn.split(":", -1)[3];
    }

    public Properties clientProperties() {
        Properties copy = new Properties();
        copy.putAll(clientProperties);
        return copy;
    }
}
