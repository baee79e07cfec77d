package io.fleetstream.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A real single-node Kafka broker (KRaft) on 127.0.0.1, in its own JVM: Kafka 4's server cannot share a classpath
 * with the connector's kafka-clients 3.4. Its classpath is resolved by the build from src/test/servers/kafka/pom.xml
 * into target/servers/kafka.classpath.
 */
public final class KafkaTestBroker implements AutoCloseable {
    private final Path dir;
    private final String classpath;
    private final int port;
    private Process process;

    private KafkaTestBroker(Path dir, String classpath, int port) {
        this.dir = dir;
        this.classpath = classpath;
        this.port = port;
    }

    public static KafkaTestBroker start() throws Exception {
        return start(Map.of());
    }

    /** A broker with these server properties on top of the single-node defaults. */
    public static KafkaTestBroker start(Map<String, String> overrides) throws Exception {
        Path classpathFile = Path.of(System.getProperty("fleetstream.build.dir", "target"), "servers", "kafka.classpath");
        if (!Files.exists(classpathFile)) {
            throw new IllegalStateException(classpathFile + " is missing: run the tests through Maven, which resolves it");
        }
        String classpath = Files.readString(classpathFile).trim();
        Path dir = Files.createTempDirectory("kafka-broker");
        int port = freePort();
        int controllerPort = freePort();
        Map<String, String> server = new LinkedHashMap<>();
        server.put("process.roles", "broker,controller");
        server.put("node.id", "1");
        server.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        server.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        server.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        server.put("controller.listener.names", "CONTROLLER");
        server.put("inter.broker.listener.name", "PLAINTEXT");
        server.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        server.put("log.dirs", dir.resolve("logs").toString());
        server.put("num.partitions", "1");
        server.put("offsets.topic.replication.factor", "1");
        server.put("offsets.topic.num.partitions", "1");
        server.put("transaction.state.log.replication.factor", "1");
        server.put("transaction.state.log.min.isr", "1");
        server.put("transaction.state.log.num.partitions", "1");
        server.put("group.initial.rebalance.delay.ms", "0");
        // at least the KafkaSink's transaction.timeout.ms
        server.put("transaction.max.timeout.ms", "3600000");
        server.put("auto.create.topics.enable", "false");
        server.putAll(overrides);
        Path config = dir.resolve("server.properties");
        StringBuilder text = new StringBuilder();
        server.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(config, text, StandardCharsets.UTF_8);
        String clusterId = clusterId();
        run(dir, classpath, "format", List.of("kafka.tools.StorageTool", "format", "-t", clusterId,
                "-c", config.toString(), "--ignore-formatted"));
        KafkaTestBroker b = new KafkaTestBroker(dir, classpath, port);
        b.restart();
        return b;
    }

    /** Ends the broker as a crash would: SIGKILL, no controlled shutdown, clients see their connections drop. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /**
     * Starts the broker (again, after {@link #kill}) on the same ports and log folder: what it had written is
     * there, as after a crash and a restart of the server.
     */
    public void restart() throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the broker is running");
        }
        process = java(dir, classpath, "broker", List.of("kafka.Kafka", dir.resolve("server.properties").toString()));
        awaitReady();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    public Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        return Admin.create(p);
    }

    /** Every committed record of a topic, as a read_committed consumer sees it. */
    public List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        Properties p = new Properties();
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> c = new org.apache.kafka.clients.consumer.KafkaConsumer<>(p, new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(topic).forEach(i -> parts.add(new org.apache.kafka.common.TopicPartition(topic, i.partition())));
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            // Read until every partition's committed end (its last stable offset) is reached.
            Map<org.apache.kafka.common.TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("read " + out.size() + " records of " + topic + " but not up to " + end);
                }
                c.poll(java.time.Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited; log:\n" + log());
            }
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = e;
                Thread.sleep(250);
            }
        }
        close();
        throw new IllegalStateException("Kafka broker not ready in 60 s; log:\n" + log(), last);
    }

    private String log() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("broker.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void run(Path dir, String classpath, String name, List<String> args) throws Exception {
        Process p = java(dir, classpath, name, args);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("Kafka " + name + " failed: "
                    + Files.readString(dir.resolve(name + ".log")));
        }
    }

    private static Process java(Path dir, String classpath, String name, List<String> args) throws IOException {
        // C1 only: a test broker lives for seconds, and starts (or starts again after a kill) faster without C2
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.net.preferIPv4Stack=true", "-cp", classpath));
        cmd.addAll(args);
        // appended to: a restarted broker's log follows the killed one's
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()));
        Map<String, String> env = pb.environment();
        env.remove("KAFKA_OPTS");
        return pb.start();
    }

    /** Kafka's own ids never start with '-': kafka-storage's argument parser would read such an id as a flag. */
    static String clusterId() {
        SecureRandom random = new SecureRandom();
        while (true) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (id.charAt(0) != '-') {
                return id;
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
