package io.fleetstream.replay.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.connectors.kinesis.source.KinesisSource;
import io.fleetstream.model.RawRecord;
import java.time.Instant;
import java.util.Properties;
import org.apache.flink.api.connector.source.Boundedness;
import org.junit.jupiter.api.Test;

class KinesisReplaySourceBuilderTest {
    private static final String ARN = "arn:aws:kinesis:eu-west-1:123456789012:stream/telemetry";
    private static final Instant FROM = Instant.parse("2025-11-20T10:00:00Z");
    private static final Instant TO = Instant.parse("2025-11-20T12:00:00Z");

    @Test
    void buildsABoundedSourceOfRawRecords() {
        KinesisSource<RawRecord> source = KinesisReplaySource.builder().streamArn(ARN).from(FROM).to(TO).build();
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(source.getProducedType().getTypeClass().getName()).isEqualTo("io.fleetstream.model.RawRecord");
    }

    @Test
    void refusesAMissingOrMalformedStreamArn() {
        assertThatThrownBy(() -> KinesisReplaySource.builder().from(FROM).to(TO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a stream ARN");
        assertThatThrownBy(() -> KinesisReplaySource.builder().streamArn("telemetry").from(FROM).to(TO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid stream ARN 'telemetry'")
                .hasMessageContaining("arn:aws:kinesis:<region>:<account>:stream/<name>");
    }

    @Test
    void refusesAWindowWithoutBothEndsOrWithItsEndNotAfterItsStart() {
        assertThatThrownBy(() -> KinesisReplaySource.builder().streamArn(ARN).to(TO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from is missing");
        assertThatThrownBy(() -> KinesisReplaySource.builder().streamArn(ARN).from(FROM).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("to is missing");
        assertThatThrownBy(() -> KinesisReplaySource.builder().streamArn(ARN).from(TO).to(FROM).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from (2025-11-20T12:00:00Z) must be before to (2025-11-20T10:00:00Z)");
        assertThatThrownBy(() -> KinesisReplaySource.builder().streamArn(ARN).from(FROM).to(FROM).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window is empty");
    }

    @Test
    void refusesClientPropertiesItCannotUseNamingTheKeyAndTheAcceptedValues() {
        assertThatThrownBy(() -> build(props("aws.credentials.provider", "PROFILE")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'aws.credentials.provider'").hasMessageContaining("BASIC or AUTO");
        assertThatThrownBy(() -> build(props("aws.credentials.provider", "BASIC",
                "aws.credentials.provider.basic.accesskeyid", "key")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'aws.credentials.provider.basic.secretkey' is required");
        assertThatThrownBy(() -> build(props("aws.http.protocol.version", "HTTP3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'aws.http.protocol.version'").hasMessageContaining("HTTP1_1 or HTTP2");
        assertThatThrownBy(() -> build(props("aws.endpoint", "localhost:4568")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'aws.endpoint'").hasMessageContaining("http:// or https:// URL");
    }

    @Test
    void acceptsTheClientPropertiesTheJobsMakeForALocalEndpoint() {
        assertThat(build(props("aws.region", "us-east-1", "aws.endpoint", "http://127.0.0.1:4568",
                "aws.credentials.provider", "BASIC", "aws.credentials.provider.basic.accesskeyid", "key",
                "aws.credentials.provider.basic.secretkey", "secret", "aws.http.protocol.version", "HTTP1_1")))
                .isNotNull();
        assertThat(build(props("aws.region", "eu-west-1", "aws.credentials.provider", "AUTO"))).isNotNull();
    }

    private static KinesisSource<RawRecord> build(Properties p) {
        return KinesisReplaySource.builder().streamArn(ARN).from(FROM).to(TO).clientProperties(p).build();
    }

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }
}
