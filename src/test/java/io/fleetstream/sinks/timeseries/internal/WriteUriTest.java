package io.fleetstream.sinks.timeseries.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.sinks.timeseries.Precision;
import org.junit.jupiter.api.Test;

class WriteUriTest {

    @Test
    void theV2WriteApiOfTheEndpointWithOrgBucketAndPrecision() {
        assertThat(WriteTarget.writeUri("https://abc.timestream-influxdb.eu-west-1.on.aws:8086", "fleet",
                "telemetry", Precision.MS).toString())
                .isEqualTo("https://abc.timestream-influxdb.eu-west-1.on.aws:8086/api/v2/write"
                        + "?org=fleet&bucket=telemetry&precision=ms");
    }

    @Test
    void aPathPrefixIsKeptAndTrailingSlashesDropped() {
        assertThat(WriteTarget.writeUri("http://127.0.0.1:9000/influx/", "", "b", Precision.NS).toString())
                .isEqualTo("http://127.0.0.1:9000/influx/api/v2/write?bucket=b&precision=ns");
    }

    @Test
    void orgAndBucketAreUrlEncoded() {
        assertThat(WriteTarget.writeUri("http://h:1", "my org&co", "b/ü", Precision.S).getRawQuery())
                .isEqualTo("org=my%20org%26co&bucket=b%2F%C3%BC&precision=s");
    }

    @Test
    void anythingButAnHttpUrlIsRefused() {
        for (String bad : new String[] {"", "localhost:8086", "ftp://h:1", "http://", "http://h:1/?db=x",
                "http://user:pw@h:1", "not a url"}) {
            assertThatThrownBy(() -> WriteTarget.writeUri(bad, "o", "b", Precision.MS))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> WriteTarget.writeUri("http://h:1", "o", " ", Precision.MS))
                .hasMessageContaining("bucket");
    }

    @Test
    void theTokenStaysOutOfTheDescription() {
        WriteTarget t = new WriteTarget(WriteTarget.writeUri("http://h:1", "o", "b", Precision.MS), "s3cr3t",
                java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1),
                new Backoff(java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(2)));
        assertThat(t.toString()).doesNotContain("s3cr3t").contains("token set");
    }
}
