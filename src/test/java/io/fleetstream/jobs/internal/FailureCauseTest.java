package io.fleetstream.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.JobException;
import org.apache.flink.runtime.client.JobExecutionException;
import org.junit.jupiter.api.Test;

class FailureCauseTest {

    @Test
    void namesTheJobsOwnCauseUnderFlinksWrappers() {
        Throwable failed = new ExecutionException(new JobExecutionException(new JobID(), "Job execution failed.",
                new JobException("Recovery is suppressed by NoRestartBackoffTimeStrategy",
                        new IllegalStateException("no such stream: telemetry"))));

        assertThat(FailureCause.describe(failed)).isEqualTo("IllegalStateException: no such stream: telemetry");
    }

    @Test
    void keepsTheNearestLayerThatSaysWhatWasBeingDone() {
        Throwable failed = new IllegalStateException("the benchmarked job failed",
                new UncheckedIOException("cannot open /data/in.ndjson", new FileNotFoundException("/data/in.ndjson")));

        assertThat(FailureCause.describe(failed))
                .isEqualTo("FileNotFoundException: /data/in.ndjson (while: the benchmarked job failed)");
    }
}
