package io.fleetstream.sinks.dynamodb.internal;

import java.io.Serializable;

/** What the sink was built with; travels with the sink to the task managers. */
public final class SinkSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public final String table;
    /** Empty: the default region provider chain. */
    public final String region;
    /** Empty: the region's endpoint. */
    public final String endpoint;
    /** Both empty: the default credentials provider chain. */
    public final String accessKey;
    public final String secretKey;
    public final int maxInFlight;
    public final long maxBatchDelayMillis;

    public SinkSettings(String table, String region, String endpoint, String accessKey, String secretKey,
            int maxInFlight, long maxBatchDelayMillis) {
        this.table = table;
        this.region = region;
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.maxInFlight = maxInFlight;
        this.maxBatchDelayMillis = maxBatchDelayMillis;
    }

    /** Where the table is looked for, for messages. */
    public String where() {
        if (!endpoint.isEmpty()) {
            return "endpoint " + endpoint;
        }
        return region.isEmpty() ? "the default region" : "region " + region;
    }
}
