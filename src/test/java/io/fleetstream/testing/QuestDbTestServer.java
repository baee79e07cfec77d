package io.fleetstream.testing;

import io.questdb.ServerMain;
import io.questdb.log.LogFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A real QuestDB (it stands for Timestream for InfluxDB: both accept InfluxDB line protocol on
 * {@code POST /api/v2/write}) running in the test JVM, with every listener on 127.0.0.1 and a throw-away root
 * folder. Tests read it back over its PostgreSQL wire port with plain JDBC.
 */
public final class QuestDbTestServer implements AutoCloseable {
    private final Path root;
    private final ServerMain server;
    private final int httpPort;
    private final int pgPort;

    private QuestDbTestServer(Path root, ServerMain server, int httpPort, int pgPort) {
        this.root = root;
        this.server = server;
        this.httpPort = httpPort;
        this.pgPort = pgPort;
    }

    public static QuestDbTestServer start() throws IOException {
        Path root = Files.createTempDirectory("questdb");
        Path conf = Files.createDirectories(root.resolve("conf"));
        int httpPort = freePort();
        int pgPort = freePort();
        int ilpPort = freePort();
        Files.writeString(conf.resolve("server.conf"), String.join("\n",
                "http.net.bind.to=127.0.0.1:" + httpPort,
                "http.min.enabled=false",
                "pg.net.bind.to=127.0.0.1:" + pgPort,
                "line.tcp.net.bind.to=127.0.0.1:" + ilpPort,
                "line.udp.enabled=false",
                "telemetry.enabled=false",
                // small: a test server shares 2 cores and the test JVM's memory with Flink
                "shared.worker.count=1",
                "pg.worker.count=1",
                "http.worker.count=1",
                "line.tcp.io.worker.count=1",
                "line.tcp.writer.worker.count=1",
                "cairo.writer.data.append.page.size=1M",
                "cairo.o3.column.memory.size=1M",
                "cairo.wal.writer.data.append.page.size=256k",
                "cairo.sql.map.page.size=256k",
                "ram.usage.limit.bytes=1073741824",
                ""), StandardCharsets.UTF_8);
        // QuestDB logs INFO to stdout by default; keep errors only. Its log factory is configured once per JVM,
        // from the first server's conf/log.conf.
        Files.writeString(conf.resolve("log.conf"), String.join("\n",
                "writers=stdout",
                "w.stdout.class=io.questdb.log.LogConsoleWriter",
                "w.stdout.level=ERROR,CRITICAL",
                ""), StandardCharsets.UTF_8);
        LogFactory.configureRootDir(root.toString());
        ServerMain server = ServerMain.create(root.toString(), Map.of());
        try {
            server.start();
            server.awaitStartup();
        } catch (RuntimeException e) {
            server.close();
            deleteTree(root);
            throw e;
        }
        return new QuestDbTestServer(root, server, httpPort, pgPort);
    }

    /** {@code http://127.0.0.1:<port>}: where {@code /api/v2/write} is. */
    public String httpEndpoint() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/qdb";
    }

    public Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "admin");
        p.setProperty("password", "quest");
        p.setProperty("sslmode", "disable");
        return DriverManager.getConnection(jdbcUrl(), p);
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Rows of a query, each as column name to value, in the order the query gives. */
    public List<Map<String, Object>> query(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= n; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /**
     * Polls a query until its rows pass the check or the deadline passes (rows of a WAL table become visible
     * asynchronously, when the server applies its write-ahead log). Returns the last rows either way; the caller
     * asserts on them, so a timeout shows what was there. A table that does not exist yet counts as no rows.
     */
    public List<Map<String, Object>> awaitRows(String sql, Predicate<List<Map<String, Object>>> check,
            Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        List<Map<String, Object>> rows = List.of();
        while (true) {
            try {
                rows = query(sql);
            } catch (SQLException e) {
                rows = List.of();
            }
            if (check.test(rows) || System.nanoTime() > end) {
                return rows;
            }
            Thread.sleep(100);
        }
    }

    /** A rollups table as the README recommends: a rewrite of a window replaces its row. */
    public void createRollupsTable(String name) throws SQLException {
        execute("CREATE TABLE IF NOT EXISTS " + name + " ("
                + "device_id SYMBOL, device_group SYMBOL, metric SYMBOL, window_spec SYMBOL, "
                + "\"count\" LONG, \"min\" DOUBLE, \"max\" DOUBLE, \"sum\" DOUBLE, \"mean\" DOUBLE, stddev DOUBLE, "
                + "\"first\" DOUBLE, \"last\" DOUBLE, revision LONG, timestamp TIMESTAMP"
                + ") TIMESTAMP(timestamp) PARTITION BY DAY WAL "
                + "DEDUP UPSERT KEYS(timestamp, device_id, metric, window_spec)");
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            deleteTree(root);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
