package io.fleetstream.sinks.timeseries;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A scripted stand-in for a write API on 127.0.0.1, for testing our own retry logic only: answer n of the script
 * decides what the n-th request gets (a status and body, or a dropped connection); the lines of accepted requests
 * are kept.
 */
final class StubWriteApi implements AutoCloseable {
    /** What one request gets. */
    static final class Answer {
        final int status;
        final String body;
        final String retryAfter;
        final long delayMillis;

        private Answer(int status, String body, String retryAfter, long delayMillis) {
            this.status = status;
            this.body = body;
            this.retryAfter = retryAfter;
            this.delayMillis = delayMillis;
        }

        static Answer status(int status, String body) {
            return new Answer(status, body, null, 0);
        }

        static Answer retryAfter(int status, String seconds) {
            return new Answer(status, "slow down", seconds, 0);
        }

        static Answer accept() {
            return new Answer(204, "", null, 0);
        }

        static Answer acceptAfter(long millis) {
            return new Answer(204, "", null, millis);
        }

        /** Closes the connection without answering: the client sees an I/O error. */
        static Answer drop() {
            return new Answer(-1, "", null, 0);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final IntFunction<Answer> script;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    final List<Integer> statuses = new CopyOnWriteArrayList<>();
    final List<String> acceptedLines = Collections.synchronizedList(new ArrayList<>());
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<String> queries = new CopyOnWriteArrayList<>();

    StubWriteApi(IntFunction<Answer> script) throws IOException {
        this.script = script;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/api/v2/write", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        boolean counted = true;
        try {
            Answer answer = script.apply(requests.incrementAndGet());
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            queries.add(exchange.getRequestURI().getRawQuery());
            if (answer.delayMillis > 0) {
                Thread.sleep(answer.delayMillis);
            }
            statuses.add(answer.status);
            // No longer in flight once the answer leaves: the client may send its next request as soon as it has it.
            inFlight.decrementAndGet();
            counted = false;
            if (answer.status < 0) {
                exchange.close();
                return;
            }
            if (answer.status / 100 == 2) {
                for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
                    acceptedLines.add(line);
                }
            }
            if (answer.retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", answer.retryAfter);
            }
            byte[] out = answer.body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status, out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
            exchange.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (counted) {
                inFlight.decrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
