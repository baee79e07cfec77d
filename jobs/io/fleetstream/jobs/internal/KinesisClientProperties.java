package io.fleetstream.jobs.internal;

import static io.fleetstream.jobs.config.KinesisSourceOptions.ACCESS_KEY;
import static io.fleetstream.jobs.config.KinesisSourceOptions.ENDPOINT;
import static io.fleetstream.jobs.config.KinesisSourceOptions.SECRET_KEY;

import io.fleetstream.jobs.config.ConfigException;
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

    /** Client properties for a stream in {@code region}. */
    public static Properties properties(FleetConfig cfg, String region) {
        Properties p = new Properties();
        p.setProperty(REGION, region);
        if (cfg.isSet(ENDPOINT)) {
            URI endpoint = endpoint(cfg.get(ENDPOINT));
            p.setProperty(ENDPOINT_URL, endpoint.toString());
            if ("http".equals(endpoint.getScheme())) {
                // The sinks' async client speaks HTTP/2 by default, which needs TLS; a plain local server gets 1.1.
                p.setProperty(HTTP_PROTOCOL, "HTTP1_1");
            }
        }
        if (cfg.isSet(ACCESS_KEY) != cfg.isSet(SECRET_KEY)) {
            throw new ConfigException(ACCESS_KEY.key() + " and " + SECRET_KEY.key() + " go together: set both for "
                    + "static credentials, or neither for the AWS default credentials chain");
        }
        if (cfg.isSet(ACCESS_KEY)) {
            p.setProperty(CREDENTIALS, "BASIC");
            p.setProperty(ACCESS_KEY_ID, cfg.get(ACCESS_KEY));
            p.setProperty(SECRET_ACCESS_KEY, cfg.get(SECRET_KEY));
        } else {
            // Environment, system properties, web identity, profile, container and instance roles, in that order.
            p.setProperty(CREDENTIALS, "AUTO");
        }
        return p;
    }

    private static URI endpoint(String value) {
        URI uri = io.fleetstream.connectors.kinesis.KinesisClients.httpUrl(value);
        if (uri == null) {
            throw new ConfigException("invalid value '" + value + "' for option '" + ENDPOINT.key()
                    + "': expected an http:// or https:// URL such as http://127.0.0.1:4568");
        }
        return uri;
    }
}
