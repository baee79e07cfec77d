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

/** The bench as a user runs it (shorter): both figures and their ratio, and no lake left behind. */
class BenchCommandTest {

    @Test
    void printsPipelineAndCeilingAndLeavesNoLakeBehind() throws Exception {
        Set<Path> before = benchLakes();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code = BenchCommand.run(ConfigLoader.fromMap(Map.of("simulator.devices", "50", "bench.warmup", "1 s",
                "bench.duration", "2 s")), new PrintStream(printed, true, StandardCharsets.UTF_8));
        String out = printed.toString(StandardCharsets.UTF_8);

        assertThat(code).isZero();
        assertThat(out).contains("50 simulated devices")
                .containsPattern("pipeline \\(parse, dedup, 2 rollups, state, alarms, lake\\): +[\\d,]+ events/s")
                .containsPattern("ceiling .*: +[\\d,]+ events/s")
                .containsPattern("pipeline / ceiling = \\d+\\.\\d\\d");
        assertThat(benchLakes()).isSubsetOf(before);
    }

    private static Set<Path> benchLakes() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("fleetstream-bench-lake"))
                    .collect(Collectors.toSet());
        }
    }
}
