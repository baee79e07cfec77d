package io.fleetstream.sinks.dynamodb.internal;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;

/** The sink's async DynamoDB client and the I/O threads it runs on. */
public final class DynamoDbClients implements AutoCloseable {
    private final DynamoDbAsyncClient client;
    private final SdkEventLoopGroup ioThreads;

    private DynamoDbClients(DynamoDbAsyncClient client, SdkEventLoopGroup ioThreads) {
        this.client = client;
        this.ioThreads = ioThreads;
    }

    public DynamoDbAsyncClient client() {
        return client;
    }

    public static DynamoDbClients create(SinkSettings s) {
        // Two I/O threads carry thousands of small requests a second; the SDK's default is two per core.
        SdkEventLoopGroup ioThreads = SdkEventLoopGroup.builder().numberOfThreads(2).build();
        NettyNioAsyncHttpClient.Builder http = NettyNioAsyncHttpClient.builder()
                .eventLoopGroup(ioThreads)
                .maxConcurrency(s.maxInFlight)
                .connectionTimeout(Duration.ofSeconds(5));
        DynamoDbAsyncClientBuilder client = DynamoDbAsyncClient.builder()
                .httpClientBuilder(http)
                .region(region(s))
                .overrideConfiguration(c -> c
                        // The writer retries, with backoff, through Flink's AsyncSinkWriter: failures stay visible
                        // there, and a state superseded while it waited is not written at all.
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(Duration.ofSeconds(10))
                        .apiCallTimeout(Duration.ofSeconds(30)));
        if (!s.endpoint.isEmpty()) {
            client.endpointOverride(URI.create(s.endpoint));
        }
        if (!s.accessKey.isEmpty()) {
            client.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(s.accessKey, s.secretKey)));
        }
        // Otherwise the client's own default provider chain: environment, profile, container or instance role.
        return new DynamoDbClients(client.build(), ioThreads);
    }

    /**
     * Closes the client, then its I/O threads without the SDK's two-second quiet period: Flink closes writers on
     * every failover and at the end of a job, and waits for them.
     */
    @Override
    public void close() {
        client.close();
        ioThreads.eventLoopGroup().shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(6_000);
    }

    private static Region region(SinkSettings s) {
        if (!s.region.isEmpty()) {
            return Region.of(s.region);
        }
        if (!s.endpoint.isEmpty()) {
            // A local endpoint ignores the region, which then only signs requests.
            return Region.US_EAST_1;
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            throw new IllegalStateException("no AWS region for DynamoDB table '" + s.table + "': set the sink's "
                    + "region (state.dynamodb.region) or AWS_REGION. " + e.getMessage(), e);
        }
    }
}
