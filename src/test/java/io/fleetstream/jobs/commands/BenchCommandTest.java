package io.fleetstream.jobs.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.jobs.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bench as a user runs it (shorter): the production configuration by default, both figures, the summary line
 * scripts read, and no lake or checkpoints left behind.
 */
class BenchCommandTest {

    @Test
    void printsPipelineAndCeilingAndLeavesNoLakeBehind() throws Exception {
        Set<Path> before = benchLakes();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code = BenchCommand.run(ConfigLoader.fromMap(Map.of("simulator.devices", "50", "bench.warmup", "1 s",
                "bench.duration", "2 s")), new PrintStream(printed, true, StandardCharsets.UTF_8));
        String out = printed.toString(StandardCharsets.UTF_8);

        assertThat(code).isZero();
        assertThat(out).contains("50 simulated devices", "state backend rocksdb")
                .containsPattern("pipeline \\(parse, dedup, 2 rollups, state, alarms, anomaly scores, lake\\): +"
                        + "[\\d,]+ events/s")
                .containsPattern("JVM heap used after GC [\\d,]+ MB; checkpoint folder [\\d,]+ MB")
                // 50 young models fit the cache: none is decoded for a reading
                .contains("while measured: 0 readings scored with a model the anomaly cache could not hold")
                .containsPattern("ceiling .*: +[\\d,]+ events/s");
        String[] lines = out.strip().split("\n");
        assertThat(lines[lines.length - 1]).matches("bench: pipeline \\d+ events/s, ceiling \\d+ events/s, "
                + "ratio \\d+\\.\\d+, backend rocksdb, devices 50, anomaly on");
        assertThat(benchLakes()).isSubsetOf(before);
    }

    private static Set<Path> benchLakes() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("fleetstream-bench-"))
                    .collect(Collectors.toSet());
        }
    }
}
