package io.fleetstream.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy on 127.0.0.1 in front of a real local server that forwards each request, unless its {@link Rule}
 * gives the request a {@link Fault}: an answer the way the real service answers when it throttles or fails (status,
 * headers, body), or a connection dropped without an answer. Local servers never throttle or fail; this drives a
 * sink's retry path through its real client and the real server.
 */
public final class FaultProxy implements AutoCloseable {
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "transfer-encoding", "keep-alive");

    /** What a request meets instead of the server. */
    public static final class Fault {
        final int status;
        final Map<String, String> headers;
        final byte[] body;

        private Fault(int status, Map<String, String> headers, byte[] body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        public static Fault answer(int status, Map<String, String> headers, String body) {
            return new Fault(status, headers, body.getBytes(StandardCharsets.UTF_8));
        }

        /** The connection closed with the request read and no answer: the client sees an I/O error. */
        public static Fault drop() {
            return new Fault(0, Map.of(), new byte[0]);
        }
    }

    /** Which requests meet a fault; called on the proxy's threads, several at a time. */
    @FunctionalInterface
    public interface Rule {
        /** The fault this request meets, or null to forward it. */
        Fault apply(String method, URI uri, Headers headers);
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String target;
    private final Rule rule;
    private final AtomicInteger failed = new AtomicInteger();

    public FaultProxy(String target, Rule rule) throws IOException {
        this.target = target;
        this.rule = rule;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /**
     * DynamoDB throttling and failing: every second UpdateItem among the first {@code 2 * failFirst}, alternately
     * throttled (400 ProvisionedThroughputExceededException) and failed (500 InternalServerError).
     */
    public static Rule dynamoDbThrottling(int failFirst) {
        AtomicInteger updates = new AtomicInteger();
        return (method, uri, headers) -> {
            String op = headers.getFirst("X-Amz-Target");
            if (op == null || !op.endsWith(".UpdateItem")) {
                return null;
            }
            int n = updates.incrementAndGet();
            if (n > 2 * failFirst || n % 2 == 0) {
                return null;
            }
            return n % 4 == 1
                    ? dynamoDbError(400, "ProvisionedThroughputExceededException",
                            "The level of configured provisioned throughput for the table was exceeded.")
                    : dynamoDbError(500, "InternalServerError", "Internal server error");
        };
    }

    private static Fault dynamoDbError(int status, String type, String message) {
        return Fault.answer(status, Map.of("Content-Type", "application/x-amz-json-1.0",
                        "x-amzn-RequestId", "fault-proxy-" + System.nanoTime()),
                "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + type + "\",\"message\":\"" + message + "\"}");
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests that met a fault. */
    public int failed() {
        return failed.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            Fault fault = rule.apply(ex.getRequestMethod(), ex.getRequestURI(), ex.getRequestHeaders());
            if (fault != null) {
                failed.incrementAndGet();
                if (fault.status == 0) {
                    // the server closes the connection of a handler that throws, before any answer is written
                    throw new IOException("fault proxy: connection dropped");
                }
                fault.headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
                send(ex, fault.status, fault.body);
                return;
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target + ex.getRequestURI()))
                    .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
                if (!NOT_FORWARDED.contains(h.getKey().toLowerCase())) {
                    h.getValue().forEach(v -> forward.header(h.getKey(), v));
                }
            }
            HttpResponse<byte[]> response = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((k, v) -> {
                if (!NOT_FORWARDED.contains(k.toLowerCase()) && !k.startsWith(":")) {
                    ex.getResponseHeaders().put(k, v);
                }
            });
            send(ex, response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
