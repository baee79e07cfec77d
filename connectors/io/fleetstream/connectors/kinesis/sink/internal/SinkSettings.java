package io.fleetstream.connectors.kinesis.sink.internal;

import io.fleetstream.connectors.kinesis.KinesisClients;
import java.io.Serializable;
import java.util.Properties;

/** What a writer needs to reach its stream. */
public final class SinkSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public final String streamArn;
    /** The ARN's region, unless the client properties name another. */
    public final String region;
    public final Properties clientProperties;

    public SinkSettings(String streamArn, String region, Properties clientProperties) {
        this.streamArn = streamArn;
        this.region = region;
        this.clientProperties = clientProperties;
    }

    /** Where the stream was looked for, for messages. */
    public String where() {
        String endpoint = clientProperties.getProperty(KinesisClients.ENDPOINT);
        return endpoint != null ? "endpoint " + endpoint
                : "region " + clientProperties.getProperty(KinesisClients.REGION, region);
    }
}
