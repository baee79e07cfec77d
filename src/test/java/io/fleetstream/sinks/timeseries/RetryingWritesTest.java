package io.fleetstream.sinks.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.model.Rollup;
import io.fleetstream.sinks.timeseries.StubWriteApi.Answer;
import io.fleetstream.sinks.timeseries.internal.PointConverter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Our retry, failure and backpressure logic against a scripted stand-in of the write API (a real store cannot be
 * told to answer 503 on cue).
 */
class RetryingWritesTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1)
                    .build());

    static List<Rollup> rollups(int n) {
        List<Rollup> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Fixtures.rollup("dev-" + i, "g", "temp_c", Fixtures.T0, 0, i));
        }
        return out;
    }

    static Set<String> expectedLines(List<Rollup> rollups) {
        Set<String> lines = new HashSet<>();
        for (Rollup r : rollups) {
            lines.add(new String(new PointConverter<>(new RollupPoints(),
                    Precision.MS, 1 << 20).apply(r, null), StandardCharsets.UTF_8));
        }
        return lines;
    }

    static LineProtocolSink.Builder<Rollup> sink(StubWriteApi api) {
        return LineProtocolSink.<Rollup>builder().endpoint(api.endpoint()).org("fleet").bucket("telemetry")
                .token("t0k3n").pointWriter(new RollupPoints()).backoff(Duration.ofMillis(20), Duration.ofMillis(200));
    }

    @Test
    void aDroppedConnection503And429AreRetriedUntilEveryPointIsWritten() throws Exception {
        List<Rollup> rollups = rollups(50);
        try (StubWriteApi api = new StubWriteApi(n -> n == 1 ? Answer.drop()
                : n == 2 ? Answer.status(503, "busy")
                : n == 3 ? Answer.retryAfter(429, "1")
                : Answer.accept())) {
            Jobs.write(rollups, Jobs.ROLLUP, sink(api).build());

            assertThat(api.statuses).containsExactly(-1, 503, 429, 204);
            assertThat(api.acceptedLines).hasSize(50);
            assertThat(new HashSet<>(api.acceptedLines)).isEqualTo(expectedLines(rollups));
            assertThat(api.authorizations).containsOnly("Token t0k3n");
            assertThat(api.queries).containsOnly("org=fleet&bucket=telemetry&precision=ms");
        }
    }

    @Test
    void aStoreThatKeepsFailingFailsTheJobAfterTheRetryTimeout() throws Exception {
        try (StubWriteApi api = new StubWriteApi(n -> Answer.status(503, "{\"message\":\"down for maintenance\"}"))) {
            assertThatThrownBy(() -> Jobs.write(rollups(3), Jobs.ROLLUP,
                    sink(api).retryTimeout(Duration.ofMillis(500)).build()))
                    .satisfies(e -> assertThat(Fixtures.causes(e)).contains("kept failing")
                            .contains("HTTP 503 from " + api.endpoint()).contains("down for maintenance"));
            assertThat(api.statuses.size()).isGreaterThan(2);
        }
    }

    @Test
    void aRefusedTokenFailsTheJobAtOnceWithStatusAndAnswer() throws Exception {
        try (StubWriteApi api = new StubWriteApi(n -> Answer.status(401,
                "{\"code\":\"unauthorized\",\"message\":\"unauthorized access\"}"))) {
            assertThatThrownBy(() -> Jobs.write(rollups(3), Jobs.ROLLUP, sink(api).build()))
                    .satisfies(e -> assertThat(Fixtures.causes(e)).contains("HTTP 401")
                            .contains("unauthorized access").contains("check the token")
                            .doesNotContain("t0k3n"));
            assertThat(api.statuses).containsExactly(401);
        }
    }

    @Test
    void requestsInFlightNeverExceedTheLimitAndEveryPointArrives() throws Exception {
        List<Rollup> rollups = rollups(1000);
        try (StubWriteApi api = new StubWriteApi(n -> Answer.acceptAfter(30))) {
            Jobs.write(rollups, Jobs.ROLLUP, sink(api).maxBatchSize(20).maxInFlightRequests(2).build());

            assertThat(api.maxInFlight()).isBetween(1, 2);
            assertThat(api.statuses.size()).isGreaterThanOrEqualTo(50);
            assertThat(new HashSet<>(api.acceptedLines)).isEqualTo(expectedLines(rollups));
        }
    }
}
