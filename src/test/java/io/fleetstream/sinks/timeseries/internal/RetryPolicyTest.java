package io.fleetstream.sinks.timeseries.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.sinks.timeseries.internal.Responses.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void successIsAny2xx() {
        assertThat(Responses.classify(204)).isEqualTo(Outcome.WRITTEN);
        assertThat(Responses.classify(200)).isEqualTo(Outcome.WRITTEN);
    }

    @Test
    void busyOrBrokenStoresAreRetried() {
        for (int status : new int[] {408, 429, 500, 502, 503, 504, 507}) {
            assertThat(Responses.classify(status)).as("HTTP %d", status).isEqualTo(Outcome.RETRY);
        }
    }

    @Test
    void badLinesAuthAndMissingBucketsFailAtOnce() {
        for (int status : new int[] {400, 401, 403, 404, 413, 422, 301, 501, 505}) {
            assertThat(Responses.classify(status)).as("HTTP %d", status).isEqualTo(Outcome.FAIL);
        }
    }

    @Test
    void aFailureNamesStatusUrlAndBodyWithAHint() {
        String m = Responses.describe(401, "{\"code\":\"unauthorized\"}".getBytes(StandardCharsets.UTF_8),
                "http://h:1/api/v2/write?bucket=b");
        assertThat(m).startsWith("HTTP 401 from http://h:1/api/v2/write?bucket=b: {\"code\":\"unauthorized\"}")
                .contains("check the token");
        assertThat(Responses.describe(404, new byte[0], "u")).isEqualTo(
                "HTTP 404 from u (check the endpoint, org and bucket: the bucket must exist)");
    }

    @Test
    void longBodiesAreTruncated() {
        String m = Responses.describe(400, "x".repeat(5000).getBytes(StandardCharsets.UTF_8), "u");
        assertThat(m).contains("x".repeat(Responses.MAX_BODY_CHARS) + "... (4000 more characters)")
                .doesNotContain("x".repeat(Responses.MAX_BODY_CHARS + 1));
    }

    @Test
    void backoffDoublesUpToItsMaximumWithJitterInTheUpperHalf() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30));
        assertThat(b.delayMillis(1, 0.0)).isEqualTo(50);
        assertThat(b.delayMillis(1, 0.999)).isBetween(99L, 100L);
        assertThat(b.delayMillis(2, 0.0)).isEqualTo(100);
        assertThat(b.delayMillis(4, 0.0)).isEqualTo(400);
        assertThat(b.delayMillis(9, 0.0)).isEqualTo(12_800);
        assertThat(b.delayMillis(10, 0.0)).isEqualTo(15_000);
        assertThat(b.delayMillis(10_000, 0.999)).isBetween(29_000L, 30_000L);
        assertThat(b.delayMillis(Integer.MAX_VALUE, 0.5)).isBetween(15_000L, 30_000L);
    }

    @Test
    void retryAfterSecondsAreHonouredAndOtherFormsIgnored() {
        assertThat(Responses.retryAfterMillis(Optional.of("3"))).isEqualTo(3000);
        assertThat(Responses.retryAfterMillis(Optional.of("Wed, 21 Oct 2015 07:28:00 GMT"))).isZero();
        assertThat(Responses.retryAfterMillis(Optional.of("-1"))).isZero();
        assertThat(Responses.retryAfterMillis(Optional.empty())).isZero();
    }
}
