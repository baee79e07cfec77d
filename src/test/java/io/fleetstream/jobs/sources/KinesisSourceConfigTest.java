package io.fleetstream.jobs.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetstream.connectors.kinesis.source.EnhancedFanOut;
import io.fleetstream.connectors.kinesis.source.StartingPosition;
import io.fleetstream.jobs.config.ConfigException;
import io.fleetstream.jobs.config.ConfigLoader;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.KinesisSourceOptions;
import io.fleetstream.jobs.config.SourceOptions;
import io.fleetstream.jobs.internal.StreamArn;
import io.fleetstream.jobs.replay.ReplaySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.connector.source.Boundedness;
import org.junit.jupiter.api.Test;

/** The Kinesis source's options: what reaches the source, and start-up errors that name the key. */
class KinesisSourceConfigTest {
    private static final String ARN = "arn:aws:kinesis:eu-west-1:123456789012:stream/telemetry";

    private static FleetConfig config(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("source.type", "kinesis");
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return ConfigLoader.fromMap(m);
    }

    private static StreamArn arn(FleetConfig cfg) {
        return StreamArn.parse(cfg.get(KinesisSourceOptions.STREAM_ARN), KinesisSourceOptions.STREAM_ARN.key());
    }

    private static Map<String, String> clientProperties(FleetConfig cfg) {
        Map<String, String> m = new HashMap<>();
        Properties p = KinesisSources.clientProperties(cfg, arn(cfg));
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    @Test
    void aMissingStreamArnNamesTheKey() {
        assertThatThrownBy(() -> KinesisSources.create(config()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("source.kinesis.stream-arn is required when source.type is kinesis");
    }

    @Test
    void somethingOtherThanAStreamArnNamesTheKeyAndTheExpectedForm() {
        assertThatThrownBy(() -> KinesisSources.create(config("source.kinesis.stream-arn", "telemetry")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value 'telemetry' for option 'source.kinesis.stream-arn': expected a Kinesis "
                        + "stream ARN such as arn:aws:kinesis:eu-west-1:123456789012:stream/telemetry");
    }

    @Test
    void atTimestampWithoutATimestampNamesTheTimestampKey() {
        assertThatThrownBy(() -> KinesisSources.create(config("source.kinesis.stream-arn", ARN,
                "source.kinesis.starting-position", "at-timestamp")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("source.kinesis.starting-timestamp is required when "
                        + "source.kinesis.starting-position is at-timestamp");
    }

    @Test
    void aTimestampThatIsNoInstantNamesTheKey() {
        assertThatThrownBy(() -> KinesisSources.create(config("source.kinesis.stream-arn", ARN,
                "source.kinesis.starting-position", "at-timestamp", "source.kinesis.starting-timestamp", "yesterday")))
                .hasMessage("invalid value 'yesterday' for option 'source.kinesis.starting-timestamp': expected an "
                        + "ISO-8601 instant such as 2025-11-20T10:00:00Z");
    }

    @Test
    void anUnknownStartingPositionListsTheAcceptedOnes() {
        assertThatThrownBy(() -> config("source.kinesis.starting-position", "earliest"))
                .hasMessage("invalid value 'earliest' for option 'source.kinesis.starting-position': expected one of "
                        + "trim-horizon, latest, at-timestamp");
    }

    @Test
    void anAccessKeyWithoutASecretKeyNamesBoth() {
        assertThatThrownBy(() -> KinesisSources.create(config("source.kinesis.stream-arn", ARN,
                "source.kinesis.access-key", "AKIDEXAMPLE")))
                .hasMessageStartingWith("source.kinesis.access-key and source.kinesis.secret-key go together");
    }

    @Test
    void aBadEndpointOrRegionNamesTheKey() {
        assertThatThrownBy(() -> KinesisSources.create(config("source.kinesis.stream-arn", ARN,
                "source.kinesis.endpoint", "127.0.0.1:4568")))
                .hasMessageStartingWith("invalid value '127.0.0.1:4568' for option 'source.kinesis.endpoint'");
        assertThatThrownBy(() -> KinesisSources.create(config("source.kinesis.stream-arn", ARN,
                "source.kinesis.region", "Ireland")))
                .hasMessageStartingWith("invalid value 'Ireland' for option 'source.kinesis.region'");
    }

    @Test
    void byDefaultTheSourceIsUnboundedAndStartsAtTheTrimHorizonInTheArnsRegionWithTheDefaultCredentialsChain() {
        FleetConfig cfg = config("source.kinesis.stream-arn", ARN);
        assertThat(KinesisSources.create(cfg).getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
        assertThat(KinesisSources.startingPosition(cfg)).isEqualTo(StartingPosition.trimHorizon());
        assertThat(cfg.get(KinesisSourceOptions.SHARD_DISCOVERY)).isEqualTo(Duration.ofSeconds(10));
        assertThat(clientProperties(cfg)).containsEntry("aws.region", "eu-west-1")
                .containsEntry("aws.credentials.provider", "AUTO")
                .doesNotContainKeys("aws.endpoint", "aws.credentials.provider.basic.secretkey");
    }

    @Test
    void atTimestampStartsAtTheInstantWhateverItsOffset() {
        assertThat(KinesisSources.startingPosition(config("source.kinesis.stream-arn", ARN,
                "source.kinesis.starting-position", "at-timestamp",
                "source.kinesis.starting-timestamp", "2025-11-20T11:00:00.250+01:00")))
                .isEqualTo(StartingPosition.atTimestamp(Instant.parse("2025-11-20T10:00:00.250Z")));
    }

    @Test
    void aLocalEndpointWithStaticKeysUsesThemAndHttp11() {
        FleetConfig cfg = config("source.kinesis.stream-arn", ARN,
                "source.kinesis.region", "us-east-1", "source.kinesis.starting-position", "latest",
                "source.kinesis.endpoint", "http://127.0.0.1:4568",
                "source.kinesis.access-key", "key", "source.kinesis.secret-key", "secret");
        assertThat(KinesisSources.startingPosition(cfg)).isEqualTo(StartingPosition.latest());
        assertThat(clientProperties(cfg)).containsEntry("aws.region", "us-east-1")
                .containsEntry("aws.endpoint", "http://127.0.0.1:4568")
                .containsEntry("aws.http.protocol.version", "HTTP1_1")
                .containsEntry("aws.credentials.provider", "BASIC")
                .containsEntry("aws.credentials.provider.basic.accesskeyid", "key")
                .containsEntry("aws.credentials.provider.basic.secretkey", "secret");
        assertThat(KinesisSources.create(cfg)).isNotNull();
    }

    @Test
    void theManagedFlinkExampleIsAValidKinesisConfiguration() throws Exception {
        Path file = Path.of(System.getProperty("fleetstream.project.dir", "."), "flink-conf",
                "managed-flink-application-properties.json");
        Map<String, String> merged = new HashMap<>();
        for (JsonNode group : new ObjectMapper().readTree(file.toFile())) {
            group.get("PropertyMap").fields().forEachRemaining(e -> merged.put(e.getKey(), e.getValue().asText()));
        }
        FleetConfig cfg = ConfigLoader.fromMap(merged);
        assertThat(cfg.get(SourceOptions.TYPE)).isEqualTo(SourceOptions.SourceType.KINESIS);
        assertThat(KinesisSources.create(cfg)).isNotNull();
    }

    @Test
    void efoWithoutAConsumerNameNamesTheKeyAndWhyItIsNeeded() {
        assertThatThrownBy(() -> KinesisSources.create(config("source.kinesis.stream-arn", ARN,
                "source.kinesis.reader-type", "efo")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("source.kinesis.efo.consumer-name is required when source.kinesis.reader-type "
                        + "is efo");
        assertThatThrownBy(() -> KinesisSources.create(config("source.kinesis.stream-arn", ARN,
                "source.kinesis.reader-type", "efo", "source.kinesis.efo.lifecycle", "self-managed")))
                .hasMessageStartingWith("source.kinesis.efo.consumer-name is required (or "
                        + "source.kinesis.efo.consumer-arn) when source.kinesis.reader-type is efo");
    }

    @Test
    void anUnknownReaderTypeOrLifecycleListsTheAcceptedOnes() {
        assertThatThrownBy(() -> config("source.kinesis.reader-type", "fan-out"))
                .hasMessage("invalid value 'fan-out' for option 'source.kinesis.reader-type': expected one of "
                        + "polling, efo");
        assertThatThrownBy(() -> config("source.kinesis.efo.lifecycle", "managed"))
                .hasMessage("invalid value 'managed' for option 'source.kinesis.efo.lifecycle': expected one of "
                        + "job-managed, self-managed");
    }

    @Test
    void aJobManagedConsumerGivenByArnOrABadConsumerIsRefusedNamingTheKeyAndWhatIsAccepted() {
        String consumer = ARN + "/consumer/fleet:1763633730";
        assertThatThrownBy(() -> KinesisSources.create(config("source.kinesis.stream-arn", ARN,
                "source.kinesis.reader-type", "efo", "source.kinesis.efo.consumer-arn", consumer)))
                .hasMessageStartingWith("invalid value '" + consumer + "' for option 'source.kinesis.efo.consumer-arn' "
                        + "with source.kinesis.efo.lifecycle job-managed: the job registers its consumer by name");
        assertThatThrownBy(() -> KinesisSources.create(config("source.kinesis.stream-arn", ARN,
                "source.kinesis.reader-type", "efo", "source.kinesis.efo.consumer-name", "fleet telemetry")))
                .hasMessage("invalid value 'fleet telemetry' for option 'source.kinesis.efo.consumer-name': expected "
                        + "1 to 128 letters, digits, '_', '.' or '-'");
        String otherStream = "arn:aws:kinesis:eu-west-1:123456789012:stream/other/consumer/fleet:1763633730";
        assertThatThrownBy(() -> KinesisSources.create(config("source.kinesis.stream-arn", ARN,
                "source.kinesis.reader-type", "efo", "source.kinesis.efo.lifecycle", "self-managed",
                "source.kinesis.efo.consumer-arn", otherStream)))
                .hasMessage("invalid value '" + otherStream + "' for option 'source.kinesis.efo.consumer-arn': "
                        + "expected a consumer of source.kinesis.stream-arn, " + ARN + "/consumer/NAME:CREATED");
        assertThatThrownBy(() -> KinesisSources.create(config("source.kinesis.stream-arn", ARN,
                "source.kinesis.efo.consumer-name", "fleet")))
                .hasMessageStartingWith("option 'source.kinesis.efo.consumer-name' is set but "
                        + "source.kinesis.reader-type is polling");
    }

    @Test
    void efoReachesTheSourceWithItsConsumerLifecycleAndSubscriptionTimeout() {
        FleetConfig jobManaged = config("source.kinesis.stream-arn", ARN, "source.kinesis.reader-type", "efo",
                "source.kinesis.efo.consumer-name", "fleet");
        assertThat(KinesisSources.enhancedFanOut(jobManaged, arn(jobManaged)))
                .isEqualTo(EnhancedFanOut.jobManaged("fleet"));
        assertThat(KinesisSources.create(jobManaged).getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
        String consumer = ARN + "/consumer/fleet:1763633730";
        FleetConfig byArn = config("source.kinesis.stream-arn", ARN, "source.kinesis.reader-type", "efo",
                "source.kinesis.efo.lifecycle", "self-managed", "source.kinesis.efo.consumer-arn", consumer,
                "source.kinesis.efo.subscription-timeout", "20 s");
        assertThat(KinesisSources.enhancedFanOut(byArn, arn(byArn)))
                .isEqualTo(EnhancedFanOut.consumerArn(consumer).subscriptionTimeout(Duration.ofSeconds(20)));
        assertThat(KinesisSources.enhancedFanOut(config("source.kinesis.stream-arn", ARN), arn(config(
                "source.kinesis.stream-arn", ARN)))).as("polling by default").isNull();
    }

    @Test
    void aReplayRefusesEfoSayingThatItPolls() {
        FleetConfig cfg = config("source.kinesis.stream-arn", ARN, "source.kinesis.reader-type", "efo",
                "source.kinesis.efo.consumer-name", "fleet", "replay.from", "2025-11-20T00:00:00Z",
                "replay.to", "2025-11-20T06:00:00Z", "lake.path", "file:///tmp/fleetstream-lake");
        assertThatThrownBy(() -> ReplaySources.kinesis(cfg, ReplaySettings.of(cfg, Instant.parse(
                "2025-11-21T00:00:00Z"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("invalid value 'efo' for option 'source.kinesis.reader-type' with replay: "
                        + "expected polling");
    }
}
