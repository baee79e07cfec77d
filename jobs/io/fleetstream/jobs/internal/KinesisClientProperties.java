package io.fleetstream.jobs.internal;

import static io.fleetstream.jobs.config.KinesisSourceOptions.ACCESS_KEY;
import static io.fleetstream.jobs.config.KinesisSourceOptions.ENDPOINT;
import static io.fleetstream.jobs.config.KinesisSourceOptions.SECRET_KEY;

import io.fleetstream.jobs.config.FleetConfig;
import java.net.URI;
import java.util.Properties;

/**
 * The AWS client settings of every Kinesis source and sink, from one set of options, as the Kinesis connector's
 * client properties (its {@code AWSConfigConstants} keys).
 */
public final class KinesisClientProperties {
    private KinesisClientProperties() {}

    static final String REGION = "aws.region";
    static final String ENDPOINT_URL = "aws.endpoint";
    static final String CREDENTIALS = "aws.credentials.provider";
    static final String ACCESS_KEY_ID = "aws.credentials.provider.basic.accesskeyid";
    static final String SECRET_ACCESS_KEY = "aws.credentials.provider.basic.secretkey";
    static final String HTTP_PROTOCOL = "aws.http.protocol.version";

    /** Client properties for a stream in {@code region}, from options already checked with their rules. */
    public static Properties properties(FleetConfig cfg, String region) {
        Properties p = new Properties();
        p.setProperty(REGION, region);
        String endpoint = cfg.text(ENDPOINT);
        if (endpoint != null) {
            URI uri = URI.create(endpoint);
            p.setProperty(ENDPOINT_URL, uri.toString());
            if ("http".equals(uri.getScheme())) {
                // The sinks' async client speaks HTTP/2 by default, which needs TLS; a plain local server gets 1.1.
                p.setProperty(HTTP_PROTOCOL, "HTTP1_1");
            }
        }
        String accessKey = cfg.text(ACCESS_KEY);
        String secretKey = cfg.text(SECRET_KEY);
        // one without the other is refused with the options (Rules.together), so neither means the chain
        if (accessKey != null && secretKey != null) {
            p.setProperty(CREDENTIALS, "BASIC");
            p.setProperty(ACCESS_KEY_ID, accessKey);
            p.setProperty(SECRET_ACCESS_KEY, secretKey);
        } else {
            // Environment, system properties, web identity, profile, container and instance roles, in that order.
            p.setProperty(CREDENTIALS, "AUTO");
        }
        return p;
    }
}
