package io.fleetstream.connectors.kinesis;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClientBuilder;

/**
 * A Kinesis client from client properties with the keys of the Kinesis connector's {@code AWSConfigConstants}, as
 * the jobs make them for every Kinesis source and sink. The async client on Netty, because the shaded jar carries
 * Netty for the DynamoDB client already and leaves the blocking Apache client out.
 */
public final class KinesisClients implements AutoCloseable {
    public static final String REGION = "aws.region";
    public static final String ENDPOINT = "aws.endpoint";
    public static final String CREDENTIALS = "aws.credentials.provider";
    public static final String ACCESS_KEY_ID = "aws.credentials.provider.basic.accesskeyid";
    public static final String SECRET_KEY = "aws.credentials.provider.basic.secretkey";
    public static final String HTTP_PROTOCOL = "aws.http.protocol.version";

    private final KinesisAsyncClient client;
    private final SdkEventLoopGroup ioThreads;

    private KinesisClients(KinesisAsyncClient client, SdkEventLoopGroup ioThreads) {
        this.client = client;
        this.ioThreads = ioThreads;
    }

    public KinesisAsyncClient client() {
        return client;
    }

    /** Fails with a message naming the key and the accepted values; called when the source is built. */
    public static void validate(Properties p) {
        String credentials = p.getProperty(CREDENTIALS, "AUTO");
        if ("BASIC".equals(credentials)) {
            for (String key : new String[] {ACCESS_KEY_ID, SECRET_KEY}) {
                if (p.getProperty(key, "").isBlank()) {
                    throw new IllegalArgumentException("client property '" + key + "' is required when '"
                            + CREDENTIALS + "' is BASIC");
                }
            }
        } else if (!"AUTO".equals(credentials)) {
            throw new IllegalArgumentException("invalid value '" + credentials + "' for client property '"
                    + CREDENTIALS + "': expected BASIC or AUTO");
        }
        String protocol = p.getProperty(HTTP_PROTOCOL);
        if (protocol != null && !"HTTP1_1".equals(protocol) && !"HTTP2".equals(protocol)) {
            throw new IllegalArgumentException("invalid value '" + protocol + "' for client property '"
                    + HTTP_PROTOCOL + "': expected HTTP1_1 or HTTP2");
        }
        String endpoint = p.getProperty(ENDPOINT);
        if (endpoint != null) {
            endpoint(endpoint);
        }
    }

    /** A client for the stream's region unless the properties name another. */
    public static KinesisClients create(Properties p, String arnRegion) {
        return create(p, arnRegion, false);
    }

    /**
     * A client for SubscribeToShard (enhanced fan-out) and the stream consumer calls: HTTP/2 whatever the
     * properties say, since Kinesis serves subscriptions over HTTP/2 only; on a plain-HTTP endpoint (a local
     * server) that is HTTP/2 with prior knowledge.
     */
    public static KinesisClients createForSubscriptions(Properties p, String arnRegion) {
        return create(p, arnRegion, true);
    }

    private static KinesisClients create(Properties p, String arnRegion, boolean subscriptions) {
        validate(p);
        // One reader polls a handful of shards: two I/O threads are plenty (the SDK's default is two per core).
        SdkEventLoopGroup ioThreads = SdkEventLoopGroup.builder().numberOfThreads(2).build();
        NettyNioAsyncHttpClient.Builder http = NettyNioAsyncHttpClient.builder()
                .eventLoopGroup(ioThreads)
                .connectionTimeout(Duration.ofSeconds(5));
        String protocol = p.getProperty(HTTP_PROTOCOL);
        if (subscriptions) {
            // One subscription is one stream for as long as it lasts: the SDK's 50 would hold back shards past
            // the 50th. A reader that stops asking for events (backpressure) receives nothing for a while, which
            // must not count as a dead connection: past a subscription's five minutes, the server ends it anyway.
            http.protocol(Protocol.HTTP2).maxConcurrency(10_000).readTimeout(Duration.ofMinutes(6));
        } else if (protocol != null) {
            // A plain-HTTP endpoint (a local server) needs 1.1: the Kinesis client's default, HTTP/2, needs TLS.
            http.protocol("HTTP2".equals(protocol) ? Protocol.HTTP2 : Protocol.HTTP1_1);
        }
        KinesisAsyncClientBuilder client = KinesisAsyncClient.builder()
                .httpClientBuilder(http)
                .region(Region.of(p.getProperty(REGION, arnRegion)))
                .credentialsProvider(credentials(p));
        String endpoint = p.getProperty(ENDPOINT);
        if (endpoint != null) {
            client.endpointOverride(endpoint(endpoint));
        }
        return new KinesisClients(client.build(), ioThreads);
    }

    private static AwsCredentialsProvider credentials(Properties p) {
        if ("BASIC".equals(p.getProperty(CREDENTIALS))) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(p.getProperty(ACCESS_KEY_ID),
                    p.getProperty(SECRET_KEY)));
        }
        // Environment, system properties, web identity, profile, container and instance roles.
        return DefaultCredentialsProvider.builder().build();
    }

    private static URI endpoint(String value) {
        URI uri = httpUrl(value);
        if (uri == null) {
            throw new IllegalArgumentException("invalid value '" + value + "' for client property '" + ENDPOINT
                    + "': expected an http:// or https:// URL such as http://127.0.0.1:4568");
        }
        return uri;
    }

    /** The value as an http:// or https:// URL with a host, or null when it is not one. */
    public static URI httpUrl(String value) {
        try {
            URI uri = new URI(value.trim());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // not a URL
        }
        return null;
    }

    /**
     * Closes the client, then its I/O threads without the SDK's two-second quiet period: Flink closes readers on
     * every failover and at the end of the job, and waits for them.
     */
    @Override
    public void close() {
        client.close();
        ioThreads.eventLoopGroup().shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(6_000);
    }
}
