package io.fleetstream.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
                "org/apache/flink/formats/parquet/ParquetWriterFactory.class");
    }

    @Test
    void leavesFlinkRuntimeTestServersAndNativesOfOtherToolsOut() {
        assertThat(entries).noneMatch(e -> e.startsWith("org/apache/flink/runtime/"))
                .noneMatch(e -> e.startsWith("org/apache/flink/streaming/api/environment/"))
                .noneMatch(e -> e.startsWith("kafka/server/"))
                .noneMatch(e -> e.startsWith("org/duckdb/"))
                .noneMatch(e -> e.startsWith("org/junit/"))
                .noneMatch(e -> e.contains("amazon-kinesis-producer-native"))
                .noneMatch(e -> e.startsWith("org/apache/logging/log4j/core/"))
                .noneMatch(e -> e.startsWith("com/fasterxml/jackson/"));
    }

    @Test
    void startsWithoutFlinkOnTheClasspathForCommandsThatNeedNone() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(), "help"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("usage: fleetstream <command>");
    }
}
