package io.fleetstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.PipelineOptions;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.jobs.internal.RetainedCheckpoints;
import io.fleetstream.jobs.sources.Sources;
import io.fleetstream.model.RawRecord;
import io.fleetstream.lake.LakeReader;
import io.fleetstream.testing.LakeAssertions;
import io.fleetstream.testing.Pipelines;
import io.fleetstream.testing.TestInput;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live job on a file, in-process as {@code ./fleetstream telemetry} runs it, with checkpoints every second to a
 * folder: cancelled part-way once two checkpoints have completed, then started again through the command line
 * with {@code --resume} (at parallelism 2, a rescale too). The resumed run says which checkpoint it took, and the
 * lake ends as one uninterrupted run leaves it: every reading once (the first run had already committed some, which
 * a fresh start would write again), the rollups an independent computation gives, the planted dead letters once.
 */
class ResumeTest {

    private static final long OUT_OF_ORDERNESS = PipelineOptions.OUT_OF_ORDERNESS.defaultValue().toMillis();

    @TempDir
    Path dir;

    @Test
    void aCancelledRunResumedWithResumeEndsWithTheLakeOfAnUninterruptedRun() throws Exception {
        Path file = dir.resolve("in").resolve("telemetry.ndjson");
        Files.createDirectories(file.getParent());
        TestInput input = TestInput.write(file, 20, 60, 20_000L, 11L);
        Path lake = dir.resolve("lake");
        String checkpoints = dir.resolve("checkpoints").toUri().toString();
        Map<String, String> options = new LinkedHashMap<>(Pipelines.config(Map.of(
                "source.type", "file",
                "source.file.path", file.getParent().toUri().toString(),
                "lake.path", lake.toUri().toString(),
                "parse.max-future", "3650 d",
                "checkpoint.dir", checkpoints,
                "checkpoint.interval", "1 s",
                "flink.parallelism.default", "1")).asMap());

        JobClient first = startHeldAfterTwoCheckpoints(Pipelines.config(options));
        first.cancel().get(1, TimeUnit.MINUTES);
        assertThatThrownBy(() -> first.getJobExecutionResult().get(1, TimeUnit.MINUTES))
                .isInstanceOf(ExecutionException.class);
        int committed = LakeReader.read(lake, "readings").size();
        assertThat(committed).as("rows the first run committed before it was cancelled")
                .isPositive().isLessThan(2 * input.valid.size());
        RetainedCheckpoints.Checkpoint newest = RetainedCheckpoints.newestComplete(checkpoints).orElseThrow();
        assertThat(newest.jobFolder).isEqualTo(first.getJobID().toString());

        options.put("flink.parallelism.default", "2");
        List<String> args = new ArrayList<>(List.of("telemetry"));
        options.forEach((k, v) -> args.addAll(List.of("--" + k, v)));
        args.add("--resume");
        String printed = runPrinting(args.toArray(new String[0]));

        assertThat(printed).contains("resuming from checkpoint " + newest.id + " of job " + first.getJobID())
                .contains(newest.path);
        LakeAssertions.readingsExactlyOnce(lake, input.valid);
        List<TestInput.Row> counted = new ArrayList<>(input.valid);
        counted.remove(input.veryLate);
        LakeAssertions.rollupsMatch(lake, counted, input.finalWatermark(OUT_OF_ORDERNESS), key -> true);
        LakeAssertions.deadLetters(lake, input);
        assertThat(LakeReader.read(lake, "late_readings"))
                .extracting(r -> r.get("device_id") + "@" + r.get("event_time"))
                .containsOnly(input.veryLate.device + "@" + input.veryLate.time);
    }

    /**
     * The job as the command line builds it, with its source held back a little per record and then stopped once two
     * checkpoints have completed, so it is cancelled part-way through the file whatever the machine's speed.
     */
    private static JobClient startHeldAfterTwoCheckpoints(FleetConfig cfg) throws Exception {
        HoldAfterTwoCheckpoints.HOLDING = new CountDownLatch(1);
        StreamExecutionEnvironment env = Environments.create(cfg);
        TelemetryJob.define(env, cfg, Sources.create(env, cfg).map(new HoldAfterTwoCheckpoints())
                .returns(TypeInformation.of(RawRecord.class)).uid("hold").name("hold"));
        JobClient job = env.executeAsync("first");
        while (!HoldAfterTwoCheckpoints.HOLDING.await(100, TimeUnit.MILLISECONDS)) {
            assertThat(job.getJobExecutionResult()).as("the first run ended before two checkpoints completed")
                    .isNotDone();
        }
        return job;
    }

    private static String runPrinting(String... args) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Cli.run(args);
        } finally {
            System.setOut(out);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        assertThat(code).as("exit code; printed:%n%s", printed).isZero();
        return printed;
    }

    /** Passes each record after 3 ms; once two checkpoints have completed, holds the next one until cancelled. */
    static final class HoldAfterTwoCheckpoints extends RichMapFunction<RawRecord, RawRecord>
            implements CheckpointListener {
        private static final long serialVersionUID = 1L;
        static volatile CountDownLatch HOLDING = new CountDownLatch(1);

        private transient int completed;

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            completed++;
        }

        @Override
        public RawRecord map(RawRecord r) throws InterruptedException {
            if (completed < 2) {
                Thread.sleep(3);
                return r;
            }
            HOLDING.countDown();
            // cancelling interrupts the sleep
            while (true) {
                Thread.sleep(1_000);
            }
        }
    }
}
