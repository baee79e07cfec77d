package io.fleetstream.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs after {@code package}: the jar that {@code flink run} and Managed Flink receive. */
class ShadedJarIT {
    static final Path JAR = Path.of(System.getProperty("fleetstream.build.dir", "target"), "fleetstream.jar");
    static List<String> entries;
    static String mainClass;

    @BeforeAll
    static void open() throws Exception {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            entries = Collections.list(jar.entries()).stream().map(e -> e.getName()).collect(Collectors.toList());
            mainClass = jar.getManifest().getMainAttributes().getValue("Main-Class");
        }
    }

    @Test
    void holdsOurCodeAndConnectorsWithTheCliAsMainClass() {
        assertThat(mainClass).isEqualTo("io.fleetstream.jobs.Cli");
        assertThat(entries).contains("io/fleetstream/jobs/Cli.class",
                "org/apache/flink/connector/kafka/source/KafkaSource.class",
                "io/fleetstream/connectors/kinesis/source/KinesisSource.class",
                "io/fleetstream/connectors/kinesis/sink/KinesisSink.class",
                "org/apache/flink/formats/parquet/ParquetWriterFactory.class");
    }

    @Test
    void leavesFlinkRuntimeTestServersAndNativesOfOtherToolsOut() {
        assertThat(entries).noneMatch(e -> e.startsWith("org/apache/flink/runtime/"))
                .noneMatch(e -> e.startsWith("org/apache/flink/streaming/api/environment/"))
                .noneMatch(e -> e.startsWith("kafka/server/"))
                .noneMatch(e -> e.startsWith("org/duckdb/"))
                .noneMatch(e -> e.startsWith("io/questdb/"))
                .noneMatch(e -> e.startsWith("org/postgresql/"))
                .noneMatch(e -> e.startsWith("org/junit/"))
                .noneMatch(e -> e.contains("amazon-kinesis-producer-native"))
                .noneMatch(e -> e.startsWith("org/apache/logging/log4j/core/"))
                .noneMatch(e -> e.startsWith("com/fasterxml/jackson/"))
                .noneMatch(e -> e.contains("org/yaml/snakeyaml/"));
    }

    @Test
    void bundlesTheDynamoDbClientOnNettyWithoutTheBlockingClientOrNativeLibraries() {
        assertThat(entries).contains("io/fleetstream/sinks/dynamodb/DeviceStateSink.class",
                "software/amazon/awssdk/services/dynamodb/DynamoDbAsyncClient.class",
                "software/amazon/awssdk/http/nio/netty/NettyNioAsyncHttpClient.class")
                .noneMatch(e -> e.startsWith("software/amazon/awssdk/http/apache/"))
                .noneMatch(e -> e.startsWith("org/apache/http/"))
                .noneMatch(e -> e.startsWith("META-INF/native/") && e.contains("netty"))
                .noneMatch(e -> e.startsWith("com/amazonaws/services/dynamodbv2/local/"))
                .noneMatch(e -> e.startsWith("org/eclipse/jetty/"))
                .noneMatch(e -> e.contains("sqlite4java"));
    }

    @Test
    void startsWithoutFlinkOnTheClasspathForCommandsThatNeedNone() throws Exception {
        String out = javaJar("help");
        assertThat(out).contains("usage: fleetstream <command>");
    }

    @Test
    void scoresCsvFilesWithJavaDashJarAndNoFlink(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in");
        Files.createDirectories(in.resolve("sub"));
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < 300; i++) {
            csv.append("2025-11-20 10:").append(String.format("%02d:%02d", i / 60, i % 60)).append(',')
                    .append(i == 250 ? 40.0 : Math.sin(i / 5.0)).append('\n');
        }
        Files.writeString(in.resolve("sub").resolve("series.csv"), csv);
        javaJar("score", "--in", in.toString(), "--out", dir.resolve("out").toString());
        List<String> lines = Files.readAllLines(dir.resolve("out").resolve("sub").resolve("series.csv"));
        assertThat(lines).hasSize(301);
        assertThat(lines.get(0)).isEqualTo("timestamp,value,anomaly_score,grade,rcf_score");
    }

    private static String javaJar(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
