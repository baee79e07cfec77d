package io.fleetstream.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real S3 endpoint on 127.0.0.1: s3proxy (its own JVM, from the jar the build copies to target/servers) over
 * its filesystem backend, so the objects a test wrote can also be read back as plain files under
 * {@link #bucketDir(String)}.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "fleetstream";
    public static final String SECRET_KEY = "fleetstream-secret";

    private final Path dir;
    private final Process process;
    private final int port;

    private S3ProxyServer(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    public static S3ProxyServer start(String... buckets) throws Exception {
        Path jar = Path.of(System.getProperty("fleetstream.build.dir", "target"), "servers", "s3proxy.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests through Maven, which copies it");
        }
        Path dir = Files.createTempDirectory("s3proxy");
        Path data = Files.createDirectories(dir.resolve("data"));
        for (String bucket : buckets) {
            // The filesystem backend keeps a bucket as a folder.
            Files.createDirectories(data.resolve(bucket));
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        Path props = dir.resolve("s3proxy.properties");
        Files.writeString(props, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data,
                ""), StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-jar", jar.toString(), "--properties", props.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        S3ProxyServer server = new S3ProxyServer(dir, p, port);
        server.awaitReady();
        return server;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Where the objects of a bucket are, as files. */
    public Path bucketDir(String bucket) {
        return dir.resolve("data").resolve(bucket);
    }

    /** The Flink options (with fleetstream's {@code flink.} prefix) that point Flink's S3 file system here. */
    public Map<String, String> flinkOptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("flink.s3.endpoint", endpoint());
        m.put("flink.s3.path.style.access", "true");
        m.put("flink.s3.access-key", ACCESS_KEY);
        m.put("flink.s3.secret-key", SECRET_KEY);
        // S3A's defaults delete directory markers one key at a time, about 10 s each against s3proxy.
        m.put("flink.s3.directory.marker.retention", "keep");
        m.put("flink.s3.multiobjectdelete.enable", "false");
        return m;
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited; log:\n" + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        close();
        throw new IllegalStateException("s3proxy not ready in 60 s; log:\n" + log());
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("s3proxy.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toArray(Path[]::new)) {
                Files.deleteIfExists(f);
            }
        }
    }
}
