package io.fleetstream.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetstream.lake.LakeReader;
import io.fleetstream.testing.Checkpoints;
import io.fleetstream.testing.LakeAssertions;
import io.fleetstream.testing.SimulatedTelemetry;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-place upgrade of a Managed Flink application from the 1.20 runtime to 2.2, done with the two jars as a user
 * has them: {@code telemetry} runs from the Flink 1.20 build (built by this module's {@code flink-1.20-jar}
 * execution into target/flink-1.20) in a JVM of its own with Flink 1.20 on its class path, is stopped with a
 * savepoint through Flink's REST API, and the Flink 2.2 build continues from that savepoint in another JVM. The lake
 * must equal that of an uninterrupted 2.2 run of the same simulated fleet, in every table: no reading lost or written
 * twice, the same rollups, alarms and anomaly scores (the models came across in the savepoint).
 */
class UpgradeFrom120IT {
    private static final Path BUILD = Path.of(System.getProperty("fleetstream.build.dir", "target"));
    private static final Path OLD_BUILD = BUILD.resolve("flink-1.20");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aSavepointOfThe120JarRestoresInThe22JarAndTheLakeEndsAsAnUninterruptedRunsWould() throws Exception {
        assertThat(OLD_BUILD.resolve("fleetstream.jar")).as("the Flink 1.20 jar (the flink-1.20-jar execution)")
                .exists();

        Path reference = dir.resolve("reference");
        Process uninterrupted = start(BUILD, args(reference, dir.resolve("reference-checkpoints"), "0"),
                dir.resolve("reference.log"));
        assertEnds(uninterrupted, dir.resolve("reference.log"));

        Path lake = dir.resolve("upgraded");
        Path checkpoints = dir.resolve("checkpoints");
        int port = freePort();
        List<String> before = new ArrayList<>(args(lake, checkpoints, "300"));
        before.addAll(List.of("--flink.rest.bind-port", Integer.toString(port)));
        Process old = start(OLD_BUILD, before, dir.resolve("flink-1.20.log"));
        long until = System.currentTimeMillis() + 120_000;
        while (Checkpoints.newest(checkpoints) < 2) {
            assertThat(old.isAlive()).as("the 1.20 run before its savepoint; log %s", dir.resolve("flink-1.20.log"))
                    .isTrue();
            assertThat(System.currentTimeMillis()).as("two checkpoints within 2 min").isLessThan(until);
            Thread.sleep(50);
        }
        String savepoint = stopWithSavepoint(port, dir.resolve("savepoints"));
        assertEnds(old, dir.resolve("flink-1.20.log"));
        long readBefore = LakeReader.read(lake, "readings").size();

        List<String> after = new ArrayList<>(args(lake, checkpoints, "0"));
        after.addAll(List.of("--flink.execution.savepoint.path", savepoint));
        Process upgraded = start(BUILD, after, dir.resolve("flink-2.2.log"));
        assertEnds(upgraded, dir.resolve("flink-2.2.log"));

        assertThat(readBefore).as("the 1.20 run had written part of the fleet, not all of it")
                .isPositive().isLessThan(LakeReader.read(reference, "readings").size());
        LakeAssertions.sameTables(reference, lake, LakeAssertions.ALL_TABLES,
                "after a 1.20 savepoint (" + savepoint + ") restored by the 2.2 jar");
        assertThat(LakeReader.read(reference, "anomalies")).as("anomaly models were in the savepoint").isNotEmpty();
        assertThat(LakeReader.read(reference, "alarms")).as("the fleet raised alarms").isNotEmpty();
    }

    private static List<String> args(Path lake, Path checkpoints, String rate) {
        // small samples, so models grow up within the run and their scores show they came across
        return SimulatedTelemetry.args(lake, checkpoints, rate, "11", Map.of("anomaly.samples", "64"));
    }

    /** {@code fleetstream telemetry} as ./fleetstream runs it: the build's jar with its Flink beside it. */
    private static Process start(Path build, List<String> args, Path log) throws Exception {
        String classpath = build.resolve("fleetstream.jar") + java.io.File.pathSeparator
                + Files.readString(build.resolve("provided.classpath"), StandardCharsets.UTF_8).trim();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens=java.base/java.time=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "-cp", classpath,
                "io.fleetstream.jobs.Cli"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void assertEnds(Process p, Path log) throws Exception {
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the run ends; log %s", log).isTrue();
        assertThat(p.exitValue()).as("exit status; log %s:%n%s", log, tail(log)).isZero();
    }

    /** Stops the only job of the in-process cluster behind the port with a savepoint; returns its location. */
    private static String stopWithSavepoint(int port, Path target) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port;
        JsonNode jobs = JSON.readTree(get(http, base + "/jobs")).get("jobs");
        assertThat(jobs).as("jobs of the 1.20 run").hasSize(1);
        String job = jobs.get(0).get("id").asText();
        String body = JSON.writeValueAsString(Map.of("targetDirectory", target.toUri().toString(), "drain", false));
        HttpResponse<String> stop = http.send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + job + "/stop"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stop.statusCode()).as("stop: %s", stop.body()).isBetween(200, 299);
        String request = JSON.readTree(stop.body()).get("request-id").asText();
        long until = System.currentTimeMillis() + 120_000;
        while (true) {
            JsonNode status = JSON.readTree(get(http, base + "/jobs/" + job + "/savepoints/" + request));
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode operation = status.path("operation");
                assertThat(operation.has("location")).as("savepoint: %s", status).isTrue();
                return operation.get("location").asText();
            }
            assertThat(System.currentTimeMillis()).as("savepoint within 2 min: %s", status).isLessThan(until);
            Thread.sleep(100);
        }
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", url, r.body()).isEqualTo(200);
        return r.body();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) throws Exception {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
