package io.fleetstream.testing;

import com.amazonaws.services.dynamodbv2.local.main.CommandLineInput;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * DynamoDB Local (in memory, or in files for a server that restarts; one database for every key and region), in this JVM, on 127.0.0.1 and a free port.
 *
 * <p>DynamoDB Local's own runner binds every interface ({@code new Server(port)}) and has no host option, so the
 * server is put together here from its public parts: its request handler behind a Jetty connector bound to
 * 127.0.0.1. Telemetry is never configured. sqlite4java's natives come from target/sqlite4java (copied there by
 * the build; surefire passes {@code sqlite4java.library.path}).
 */
public final class DynamoDbLocalServer implements AutoCloseable {
    public static final String ACCESS_KEY = "fleetstreamtest"; // DynamoDB Local 2 accepts letters and digits only
    public static final String SECRET_KEY = "fleetstreamsecret";
    public static final String REGION = "us-east-1";

    private Server jetty;
    private LocalDynamoDBServerHandler handler;
    private final int port;
    /** Null: in memory. */
    private final Path dbDir;
    private final DynamoDbAsyncClient client;

    private DynamoDbLocalServer(Server jetty, LocalDynamoDBServerHandler handler, int port, Path dbDir) {
        this.jetty = jetty;
        this.handler = handler;
        this.port = port;
        this.dbDir = dbDir;
        this.client = DynamoDbAsyncClient.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    public static DynamoDbLocalServer start() throws Exception {
        return start(null, 0);
    }

    /**
     * A server that keeps its database in files under {@code dbDir}, so it can be {@link #restart restarted} with
     * its tables and items as a real store comes back after a restart.
     */
    public static DynamoDbLocalServer onDisk(Path dbDir) throws Exception {
        // DynamoDB Local refuses a folder that does not exist yet
        return start(Files.createDirectories(dbDir), 0);
    }

    private static DynamoDbLocalServer start(Path dbDir, int port) throws Exception {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        LocalDynamoDBServerHandler handler = handler(dbDir, jetty, connector, port);
        return new DynamoDbLocalServer(jetty, handler, connector.getLocalPort(), dbDir);
    }

    /** Starts DynamoDB Local's handler behind a Jetty connector on 127.0.0.1 and {@code port} (0: a free one). */
    private static LocalDynamoDBServerHandler handler(Path dbDir, Server jetty, ServerConnector connector, int port)
            throws Exception {
        if (System.getProperty("sqlite4java.library.path") == null) {
            Path natives = Path.of(System.getProperty("fleetstream.build.dir", "target"), "sqlite4java");
            if (!Files.isDirectory(natives)) {
                throw new IllegalStateException(natives + " is missing: run the tests through Maven, which copies "
                        + "sqlite4java's native libraries there");
            }
            System.setProperty("sqlite4java.library.path", natives.toString());
        }
        CommandLineInput input = new CommandLineInput(dbDir == null
                ? new String[] {"-inMemory", "-sharedDb", "-disableTelemetry"}
                : new String[] {"-dbPath", dbDir.toString(), "-sharedDb", "-disableTelemetry"});
        if (!input.init() || input.isInMemory() != (dbDir == null)) {
            throw new IllegalStateException("DynamoDB Local did not take its options");
        }
        LocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(
                new LocalDynamoDBRequestHandler(0, input.isInMemory(), input.getDbPath(), input.getSharedDb(),
                        input.shouldDelayTransientStatuses()),
                input.getCorsParams());
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        jetty.addConnector(connector);
        // The proxy server is only asked for its handler tree; its own Jetty server is never started.
        jetty.setHandler(new DynamoDBProxyServer(0, handler).setUpHandler(handler));
        jetty.start();
        return handler;
    }

    /**
     * Stops the server (requests in flight and new connections fail), waits {@code down}, and starts it again on
     * the same port with the same files. Only for a server started {@link #onDisk}.
     */
    public synchronized void restart(Duration down) throws Exception {
        if (dbDir == null) {
            throw new IllegalStateException("an in-memory server would come back empty: start it onDisk");
        }
        stopServing();
        Thread.sleep(down.toMillis());
        jetty = new Server();
        handler = handler(dbDir, jetty, new ServerConnector(jetty), port);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The job's options that write the current-state table {@code table} here (the table must exist). */
    public Map<String, String> jobOptions(String table) {
        Map<String, String> o = new java.util.LinkedHashMap<>();
        o.put("state.dynamodb.enabled", "true");
        o.put("state.dynamodb.table", table);
        o.put("state.dynamodb.endpoint", endpoint());
        o.put("state.dynamodb.access-key", ACCESS_KEY);
        o.put("state.dynamodb.secret-key", SECRET_KEY);
        o.put("state.dynamodb.batch.max-delay", "50 ms");
        return o;
    }

    public DynamoDbAsyncClient client() {
        return client;
    }

    /** The current-state table as README documents it: partition key deviceId (string), on demand. */
    public void createDeviceStateTable(String table) {
        client.createTable(b -> b.tableName(table)
                .keySchema(KeySchemaElement.builder().attributeName("deviceId").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("deviceId")
                        .attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)).join();
    }

    /** Every item of the table, by deviceId. */
    public Map<String, Map<String, AttributeValue>> items(String table) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder scan = ScanRequest.builder().tableName(table).consistentRead(true);
            if (start != null) {
                scan.exclusiveStartKey(start);
            }
            ScanResponse page = client.scan(scan.build()).join();
            for (Map<String, AttributeValue> item : page.items()) {
                items.put(item.get("deviceId").s(), item);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    public List<String> tables() {
        return new ArrayList<>(client.listTables().join().tableNames());
    }

    @Override
    public synchronized void close() throws Exception {
        client.close();
        stopServing();
    }

    private void stopServing() throws Exception {
        try {
            jetty.stop();
        } finally {
            handler.close();
        }
    }
}
