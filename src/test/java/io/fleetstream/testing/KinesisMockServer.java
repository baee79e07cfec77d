package io.fleetstream.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * kinesis-mock (npm {@code kinesis-local}, a Kinesis Data Streams API server) on 127.0.0.1, in its own Node.js
 * process: the build installs it with {@code npm ci} into src/test/servers/kinesis/node_modules. It serves HTTPS
 * and plain HTTP; the tests use plain HTTP, which also carries SubscribeToShard over HTTP/2 with prior knowledge
 * (its TLS port does not negotiate HTTP/2 with the SDK's Netty client: no ALPN answer). A preloaded script makes it
 * listen on the loopback interface only.
 */
public final class KinesisMockServer implements AutoCloseable {
    public static final String REGION = "us-east-1";
    /** kinesis-mock's default account: the one any access key id that is not an account id maps to. */
    public static final String ACCOUNT = "000000000000";
    public static final String ACCESS_KEY = "fleetstream-test";
    public static final String SECRET_KEY = "fleetstream-test-secret";

    private final Process process;
    private final Path log;
    private final int port;
    private final KinesisClient client;

    private KinesisMockServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.client = KinesisClient.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    public static KinesisMockServer start() throws Exception {
        Path dir = Path.of(System.getProperty("fleetstream.project.dir", "."), "src", "test", "servers", "kinesis");
        Path main = dir.resolve("node_modules").resolve("kinesis-local").resolve("main.js");
        if (!Files.exists(main)) {
            throw new IllegalStateException(main + " is missing: run the tests through Maven, which runs npm ci in "
                    + dir);
        }
        int port = freePort();
        Path log = Files.createTempFile("kinesis-mock", ".log");
        ProcessBuilder pb = new ProcessBuilder(List.of("node", "-r", dir.resolve("bind-localhost.js").toString(),
                main.toString()))
                // server.json (its TLS certificate) is read from the working directory
                .directory(main.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(port));
        env.put("KINESIS_MOCK_TLS_PORT", Integer.toString(freePort()));
        env.put("AWS_REGION", REGION);
        env.put("AWS_ACCOUNT_ID", ACCOUNT);
        env.put("LOG_LEVEL", "WARN");
        env.put("SHOULD_PERSIST_DATA", "false");
        env.put("LOAD_DATA_IF_EXISTS", "false");
        env.put("CREATE_STREAM_DURATION", "100ms");
        // one server serves a whole test run, whose streams add up past the default account limit of 50 shards
        env.put("SHARD_LIMIT", "1000");
        KinesisMockServer server = new KinesisMockServer(pb.start(), log, port);
        server.awaitReady();
        return server;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The options that point fleetstream's Kinesis source and streams at this server. */
    public Map<String, String> options() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("source.kinesis.endpoint", endpoint());
        m.put("source.kinesis.access-key", ACCESS_KEY);
        m.put("source.kinesis.secret-key", SECRET_KEY);
        return m;
    }

    /** Client properties (the Kinesis connector's keys) of our Kinesis sources for this server. */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.setProperty("aws.region", REGION);
        p.setProperty("aws.endpoint", endpoint());
        p.setProperty("aws.credentials.provider", "BASIC");
        p.setProperty("aws.credentials.provider.basic.accesskeyid", ACCESS_KEY);
        p.setProperty("aws.credentials.provider.basic.secretkey", SECRET_KEY);
        p.setProperty("aws.http.protocol.version", "HTTP1_1");
        return p;
    }

    public KinesisClient client() {
        return client;
    }

    /** Creates a provisioned stream and waits until it is active; returns its ARN. */
    public String createStream(String name, int shards) throws InterruptedException {
        client.createStream(b -> b.streamName(name).shardCount(shards));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            StreamDescriptionSummary s = client.describeStreamSummary(b -> b.streamName(name))
                    .streamDescriptionSummary();
            if (s.streamStatus() == StreamStatus.ACTIVE) {
                return s.streamARN();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stream " + name + " not active in 30 s: " + s.streamStatus());
            }
            Thread.sleep(50);
        }
    }

    /**
     * Puts records (partition key, data) in batches of 500, in order, resending entries the server throttled;
     * returns each record's result (shard id and sequence number) in input order.
     */
    public List<PutRecordsResultEntry> put(String streamArn, List<Map.Entry<String, byte[]>> records)
            throws InterruptedException {
        List<PutRecordsResultEntry> results = new ArrayList<>(records.size());
        for (int from = 0; from < records.size(); from += 500) {
            List<Map.Entry<String, byte[]>> batch = records.subList(from, Math.min(records.size(), from + 500));
            PutRecordsResultEntry[] done = new PutRecordsResultEntry[batch.size()];
            List<Integer> pending = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                pending.add(i);
            }
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt > 50) {
                    throw new IllegalStateException(pending.size() + " records still throttled after 50 attempts");
                }
                if (attempt > 0) {
                    Thread.sleep(200);
                }
                List<PutRecordsRequestEntry> entries = new ArrayList<>();
                for (int i : pending) {
                    entries.add(PutRecordsRequestEntry.builder().partitionKey(batch.get(i).getKey())
                            .data(SdkBytes.fromByteArray(batch.get(i).getValue())).build());
                }
                PutRecordsResponse r = client.putRecords(b -> b.streamARN(streamArn).records(entries));
                List<Integer> again = new ArrayList<>();
                for (int j = 0; j < pending.size(); j++) {
                    PutRecordsResultEntry e = r.records().get(j);
                    if (e.errorCode() == null) {
                        done[pending.get(j)] = e;
                    } else {
                        again.add(pending.get(j));
                    }
                }
                pending = again;
            }
            results.addAll(List.of(done));
        }
        return results;
    }

    /** Every record in the stream, shard by shard, from the oldest. */
    public List<Record> readAll(String streamArn) {
        List<Record> all = new ArrayList<>();
        for (Shard shard : client.listShards(b -> b.streamARN(streamArn)).shards()) {
            String iterator = client.getShardIterator(b -> b.streamARN(streamArn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String it = iterator;
                GetRecordsResponse r = client.getRecords(b -> b.streamARN(streamArn).shardIterator(it));
                if (r.records().isEmpty()) {
                    break;
                }
                all.addAll(r.records());
                iterator = r.nextShardIterator();
            }
        }
        return all;
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("kinesis-mock exited; log:\n" + Files.readString(log));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/healthcheck").toURL()
                        .openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(1000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("kinesis-mock not ready in 60 s; log:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        client.close();
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(log);
    }
}
