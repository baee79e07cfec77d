package io.fleetstream.jobs.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.jobs.Cli;
import io.fleetstream.lake.LakeReader;
import io.fleetstream.testing.Checkpoints;
import io.fleetstream.testing.FaultSeeds;
import io.fleetstream.testing.LakeAssertions;
import io.fleetstream.testing.SimulatedTelemetry;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleetstream telemetry} in a process of its own, killed with SIGKILL three times at seeded random moments
 * after a checkpoint and started again each time with {@code --resume}, as an operator would after a crash: its lake
 * must equal the lake of an uninterrupted run of the same simulated fleet, in every table. The simulator's readings
 * are paced (simulator.rate: 4,800 readings at 300 a second) so the kills fall inside the run; its fleet is fixed by
 * its seed and start, whatever the pace. A kill lands a random time within a second after a checkpoint completed:
 * while the source reads, while operators fire, while the sinks hold uncommitted files, or during a checkpoint.
 */
class ProcessKillTest {
    private static final int KILLS = 3;
    private static final String RATE = "300";

    @TempDir
    Path dir;

    @Test
    void aRunKilledThreeTimesAndResumedEachTimeEndsWithTheLakeOfAnUninterruptedRun() throws Exception {
        long seed = FaultSeeds.next("ProcessKillTest");
        Random random = new Random(seed);

        Path reference = dir.resolve("reference");
        assertThat(Cli.run(args(reference, dir.resolve("reference-checkpoints"), RATE))).isZero();

        Path lake = dir.resolve("killed");
        Path checkpoints = dir.resolve("checkpoints");
        List<String> kills = new ArrayList<>();
        for (int k = 0; k <= KILLS; k++) {
            List<String> run = new ArrayList<>(List.of(args(lake, checkpoints, RATE)));
            if (k > 0) {
                run.add("--resume");
            }
            Process p = start(run, dir.resolve("run-" + k + ".log"));
            if (k == KILLS) {
                assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the last run ends").isTrue();
                assertThat(p.exitValue()).as("exit of the last run, log %s", dir.resolve("run-" + k + ".log"))
                        .isZero();
                break;
            }
            int before = Checkpoints.newest(checkpoints);
            long until = System.currentTimeMillis() + 120_000;
            while (Checkpoints.newest(checkpoints) <= before) {
                assertThat(p.isAlive()).as("run %d still running before its kill; log %s", k,
                        dir.resolve("run-" + k + ".log")).isTrue();
                assertThat(System.currentTimeMillis()).as("a checkpoint within 2 min").isLessThan(until);
                Thread.sleep(20);
            }
            Thread.sleep(random.nextInt(1_000));
            // SIGKILL: no shutdown hook, no cancel, no last checkpoint; whatever the process held is gone
            p.destroyForcibly().waitFor();
            kills.add("run " + k + " killed after checkpoint " + Checkpoints.newest(checkpoints));
        }
        System.out.println("ProcessKillTest faults: " + kills);
        // the finished run's checkpoints are gone with it: a resume must not take an older run's for the newest
        List<String> again = new ArrayList<>(List.of(args(lake, checkpoints, "0")));
        again.add("--resume");
        assertThat(Cli.run(again.toArray(new String[0]))).as("--resume after the run finished").isEqualTo(2);

        LakeAssertions.sameTables(reference, lake, LakeAssertions.ALL_TABLES,
                "after " + kills + " (seed " + seed + ")");
        assertThat(LakeReader.read(reference, "readings")).as("the fleet reached the lake").hasSizeGreaterThan(3_000);
        assertThat(LakeReader.read(reference, "alarms")).as("the fleet raised alarms").isNotEmpty();
    }

    private String[] args(Path lake, Path checkpoints, String rate) {
        return SimulatedTelemetry.args(lake, checkpoints, rate, "7", Map.of()).toArray(new String[0]);
    }

    /** The command in a JVM of its own, on this JVM's class path and module flags (Flink's list for Java 17). */
    private static Process start(List<String> args, Path log) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens")).forEach(cmd::add);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Cli.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }


}
