package io.fleetstream.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Enforces the "may depend on" column of ARCHITECTURE.md's layout table on every import of main code. */
class LayeringTest {
    private static final Path ROOT = Path.of(System.getProperty("fleetstream.project.dir", "."));
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    private static List<String> violations(String folder, List<String> allowed) throws IOException {
        List<String> bad = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve(folder))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList())) {
                Matcher m = IMPORT.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    String imported = m.group(1);
                    if (allowed.stream().noneMatch(imported::startsWith)) {
                        bad.add(ROOT.relativize(f) + " imports " + imported);
                    }
                }
            }
        }
        return bad;
    }

    @Test
    void anomalyDependsOnlyOnTheJdkAndCommonsMath() throws IOException {
        assertThat(violations("anomaly", List.of("java.", "javax.", "org.apache.commons.math3.",
                "io.fleetstream.anomaly."))).isEmpty();
    }

    @Test
    void compatDependsOnFlinkOnly() throws IOException {
        // one copy per Flink line (compat/flink-1.20, compat/flink-2.2): the only code that differs between them
        assertThat(violations("compat", List.of("java.", "org.apache.flink.", "io.fleetstream.compat."))).isEmpty();
    }

    @Test
    void operatorsDependOnFlinkAndAnomalyButNotOnSinksReplayOrJobs() throws IOException {
        assertThat(violations("operators", List.of("java.", "javax.", "org.apache.flink.", "com.fasterxml.jackson.",
                "io.fleetstream.model.", "io.fleetstream.operators.", "io.fleetstream.anomaly.",
                "io.fleetstream.compat."))).isEmpty();
    }

    @Test
    void connectorsDependOnFlinkAndClientsOnly() throws IOException {
        // our own Flink connectors (Kinesis source and sink, the AWS client factory): generic over the record type,
        // so sinks, replay and jobs can all use them and none of our own record types leaks below them; Reactive
        // Streams is the type of the AWS SDK's event streams (SubscribeToShard), so it comes with the SDK
        assertThat(violations("connectors", List.of("java.", "javax.", "org.apache.flink.",
                "software.amazon.awssdk.", "org.reactivestreams.", "org.slf4j.", "io.fleetstream.connectors.",
                "io.fleetstream.compat."))).isEmpty();
    }

    @Test
    void theLakeFormatDependsOnFlinkParquetAndTheModelOnly() throws IOException {
        // io.fleetstream.lake lives in sinks/ but below the sinks: replay reads the lake through it
        assertThat(violations("sinks/io/fleetstream/lake", List.of("java.", "javax.", "org.apache.flink.",
                "org.apache.parquet.", "org.apache.hadoop.", "io.fleetstream.model.", "io.fleetstream.lake.")))
                .isEmpty();
    }

    @Test
    void sinksDependOnConnectorsClientsAndTheModelOnly() throws IOException {
        assertThat(violations("sinks", List.of("java.", "javax.", "org.apache.flink.", "org.apache.parquet.",
                "org.apache.hadoop.", "org.apache.kafka.", "software.amazon.awssdk.", "com.fasterxml.jackson.",
                "org.slf4j.", "io.fleetstream.model.", "io.fleetstream.sinks.", "io.fleetstream.lake.",
                "io.fleetstream.connectors.", "io.fleetstream.compat."))).isEmpty();
    }

    @Test
    void replayDependsOnTheModelConnectorsAndTheLakeFormatOnly() throws IOException {
        // the lake format (io.fleetstream.lake, in sinks/) but none of the sinks (io.fleetstream.sinks)
        assertThat(violations("replay", List.of("java.", "javax.", "org.apache.flink.", "org.apache.parquet.",
                "org.apache.hadoop.", "org.apache.kafka.", "software.amazon.awssdk.", "com.fasterxml.jackson.",
                "io.fleetstream.model.", "io.fleetstream.replay.", "io.fleetstream.lake.", "io.fleetstream.connectors.",
                "io.fleetstream.compat."))).isEmpty();
    }

    @Test
    void everyFolderHoldsOnlyItsOwnTopLevelPackage() throws IOException {
        List<String> bad = new ArrayList<>();
        for (String[] rule : new String[][] {{"anomaly", "io.fleetstream.anomaly"},
                {"operators", "io.fleetstream.operators", "io.fleetstream.model"},
                {"compat", "io.fleetstream.compat"}, {"connectors", "io.fleetstream.connectors"},
                {"sinks", "io.fleetstream.sinks", "io.fleetstream.lake"},
                {"replay", "io.fleetstream.replay"}, {"jobs", "io.fleetstream.jobs"}}) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(rule[0]))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList())) {
                    String pkg = Files.readAllLines(f).stream().filter(l -> l.startsWith("package ")).findFirst()
                            .orElse("").replace("package ", "").replace(";", "").trim();
                    boolean ok = false;
                    for (int i = 1; i < rule.length; i++) {
                        ok |= pkg.equals(rule[i]) || pkg.startsWith(rule[i] + ".");
                    }
                    if (!ok) {
                        bad.add(ROOT.relativize(f) + " is in package " + pkg);
                    }
                }
            }
        }
        assertThat(bad).isEmpty();
    }
}
