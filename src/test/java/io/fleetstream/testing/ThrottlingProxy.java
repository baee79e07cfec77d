package io.fleetstream.testing;

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
 * An HTTP proxy on 127.0.0.1 in front of DynamoDB Local that answers some UpdateItem calls the way DynamoDB does
 * when it throttles or fails (the same status, headers and JSON error body), and forwards everything else.
 * DynamoDB Local never throttles; this lets a test drive the sink's retry path through the real SDK.
 */
public final class ThrottlingProxy implements AutoCloseable {
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String target;
    private final int failFirst;
    private final AtomicInteger updates = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    /** Fails every second UpdateItem among the first {@code 2 * failFirst}, alternately throttled and with a 500. */
    public ThrottlingProxy(String target, int failFirst) throws IOException {
        this.target = target;
        this.failFirst = failFirst;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** UpdateItem calls answered with an error. */
    public int failed() {
        return failed.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            String op = ex.getRequestHeaders().getFirst("X-Amz-Target");
            if (op != null && op.endsWith(".UpdateItem")) {
                int n = updates.incrementAndGet();
                if (n <= 2 * failFirst && n % 2 == 1) {
                    failed.incrementAndGet();
                    if (n % 4 == 1) {
                        reply(ex, 400, "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
                                "The level of configured provisioned throughput for the table was exceeded.");
                    } else {
                        reply(ex, 500, "com.amazonaws.dynamodb.v20120810#InternalServerError",
                                "Internal server error");
                    }
                    return;
                }
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

    private static void reply(HttpExchange ex, int status, String type, String message) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        ex.getResponseHeaders().set("x-amzn-RequestId", "throttling-proxy-" + System.nanoTime());
        send(ex, status, ("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}")
                .getBytes(StandardCharsets.UTF_8));
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
