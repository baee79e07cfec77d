package io.fleetstream.connectors.kinesis.source.internal;

import io.fleetstream.connectors.kinesis.source.EnhancedFanOut;
import io.fleetstream.connectors.kinesis.source.StartingPosition;
import java.io.Serializable;
import java.time.Instant;
import java.util.Properties;

/** What a Kinesis source reads: one stream, where to start, where to stop (if at all), and how to reach it. */
public final class SourceSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public final String streamArn;
    public final StartingPosition start;
    /** Null for an unbounded source; else shards end at their first record that arrived at or after it. */
    public final Instant stopAt;
    /** GetRecords' limit: at most this many records a call (Kinesis allows up to 10,000). */
    public final int recordsPerPoll;
    /** The least time between two GetRecords calls on one shard. */
    public final long pollIntervalMillis;
    /** How often an unbounded source lists the stream's shards. */
    public final long discoveryIntervalMillis;
    /** Null to poll with GetRecords; else the stream consumer whose subscriptions the readers use. */
    public final EnhancedFanOut efo;
    private final Properties clientProperties;

    public SourceSettings(String streamArn, StartingPosition start, Instant stopAt, int recordsPerPoll,
            long pollIntervalMillis, long discoveryIntervalMillis, Properties clientProperties) {
        this(streamArn, start, stopAt, recordsPerPoll, pollIntervalMillis, discoveryIntervalMillis, null,
                clientProperties);
    }

    public SourceSettings(String streamArn, StartingPosition start, Instant stopAt, int recordsPerPoll,
            long pollIntervalMillis, long discoveryIntervalMillis, EnhancedFanOut efo, Properties clientProperties) {
        this.streamArn = streamArn;
        this.start = start;
        this.stopAt = stopAt;
        this.recordsPerPoll = recordsPerPoll;
        this.pollIntervalMillis = pollIntervalMillis;
        this.discoveryIntervalMillis = discoveryIntervalMillis;
        this.efo = efo;
        this.clientProperties = new Properties();
        this.clientProperties.putAll(clientProperties);
    }

    public boolean isBounded() {
        return stopAt != null;
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
