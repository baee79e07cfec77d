package io.fleetstream.jobs.commands;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The demo's QuestDB (started by {@code ./fleetstream demo}): its rollups table is created with dedup keys, so a
 * rewritten window replaces its row, and the summary says how to query it.
 */
final class DemoQuestDb {
    static final String ROLLUPS = "CREATE TABLE IF NOT EXISTS rollups (device_id SYMBOL, device_group SYMBOL, "
            + "metric SYMBOL, window_spec SYMBOL, \"count\" LONG, \"min\" DOUBLE, \"max\" DOUBLE, \"sum\" DOUBLE, "
            + "\"mean\" DOUBLE, stddev DOUBLE, \"first\" DOUBLE, \"last\" DOUBLE, revision LONG, timestamp TIMESTAMP) "
            + "TIMESTAMP(timestamp) PARTITION BY DAY WAL DEDUP UPSERT KEYS(timestamp, device_id, metric, window_spec)";

    private DemoQuestDb() {}

    /** Creates the table when the endpoint is a QuestDB (it answers {@code /exec}); false otherwise. */
    static boolean prepare(String endpoint) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/exec?query="
                    + URLEncoder.encode(ROLLUPS, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Rows of the rollups table, or -1 when QuestDB does not answer. */
    static long rollupRows(String endpoint) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/exec?query="
                    + URLEncoder.encode("SELECT count() FROM rollups", StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(10)).build();
            String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"dataset\":\\[\\[(\\d+)\\]\\]")
                    .matcher(body);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static void printHowToQuery(PrintStream out, String endpoint) {
        out.println();
        out.printf("Rollups are also in QuestDB (line protocol, as Timestream for InfluxDB would get them; %,d rows "
                + "so far, rows appear as QuestDB applies its write-ahead log):%n", rollupRows(endpoint));
        out.println("  web console  " + endpoint);
        out.println("  SQL          SELECT timestamp, device_id, metric, \"count\", mean, \"max\" FROM rollups");
        out.println("               WHERE window_spec = '1m' ORDER BY timestamp DESC LIMIT 20;");
        out.println("  psql         psql -h 127.0.0.1 -p 8812 -U admin -d qdb   (password: quest)");
        out.println("  QuestDB stops with the demo; run FLEETSTREAM_KEEP_QUESTDB=1 ./fleetstream demo to keep it.");
    }
}
