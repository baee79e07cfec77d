package io.fleetstream.jobs.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetstream.connectors.kinesis.source.EnhancedFanOut;
import io.fleetstream.connectors.kinesis.source.StartingPosition;
import io.fleetstream.jobs.config.Command;
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
        return ConfigLoader.fromMap(options(keyValues));
    }

    /** Checked as the telemetry command checks it: each option and the rules between them. */
    private static FleetConfig telemetry(String... keyValues) {
        Map<String, String> m = options(keyValues);
        m.put("lake.path", "file:///tmp/fleetstream-lake");
        return ConfigLoader.fromMap(Command.TELEMETRY, m);
    }

    private static Map<String, String> options(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("source.type", "kinesis");
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
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
        assertThatThrownBy(() -> telemetry())
                .isInstanceOf(ConfigException.class)
                .hasMessage("source.kinesis.stream-arn is required when source.type is kinesis: a Kinesis stream ARN "
                        + "such as arn:aws:kinesis:eu-west-1:123456789012:stream/telemetry");
    }

    @Test
    void somethingOtherThanAStreamArnNamesTheKeyAndTheExpectedForm() {
        assertThatThrownBy(() -> config("source.kinesis.stream-arn", "telemetry"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value 'telemetry' for option 'source.kinesis.stream-arn': expected a Kinesis "
                        + "stream ARN such as arn:aws:kinesis:eu-west-1:123456789012:stream/telemetry");
    }

    @Test
    void atTimestampWithoutATimestampNamesTheTimestampKey() {
        assertThatThrownBy(() -> telemetry("source.kinesis.stream-arn", ARN,
                "source.kinesis.starting-position", "at-timestamp"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("source.kinesis.starting-timestamp is required when source.type is kinesis and "
                        + "source.kinesis.starting-position is at-timestamp: an ISO-8601 instant (arrival time in the "
                        + "stream) such as 2025-11-20T10:00:00Z");
        // a replay reads a window by arrival time: where a live job would start is not its question
        FleetConfig replay = ConfigLoader.fromMap(Command.REPLAY, options("source.kinesis.stream-arn", ARN,
                "source.kinesis.starting-position", "at-timestamp", "replay.from", "2025-11-20T00:00:00Z",
                "replay.to", "2025-11-20T06:00:00Z", "lake.path", "file:///tmp/fleetstream-lake"));
        assertThat(replay.get(KinesisSourceOptions.START)).isEqualTo(KinesisSourceOptions.KinesisStart.AT_TIMESTAMP);
        // nor, when the source is another, the Kinesis source's
        telemetry("source.type", "file", "source.file.path", "/in", "source.kinesis.starting-position",
                "at-timestamp");
    }

    @Test
    void aTimestampThatIsNoInstantNamesTheKey() {
        assertThatThrownBy(() -> config("source.kinesis.stream-arn", ARN,
                "source.kinesis.starting-position", "at-timestamp", "source.kinesis.starting-timestamp", "yesterday"))
                .hasMessage("invalid value 'yesterday' for option 'source.kinesis.starting-timestamp': expected an "
                        + "ISO-8601 instant such as 2025-11-20T00:00:00Z (or a date: midnight UTC)");
    }

    @Test
    void anUnknownStartingPositionListsTheAcceptedOnes() {
        assertThatThrownBy(() -> config("source.kinesis.starting-position", "earliest"))
                .hasMessage("invalid value 'earliest' for option 'source.kinesis.starting-position': expected one of "
                        + "trim-horizon, latest, at-timestamp");
    }

    @Test
    void aKeyWithoutItsSecretNamesBothAndNeverPrintsTheSecret() {
        assertThatThrownBy(() -> telemetry("source.kinesis.stream-arn", ARN, "source.kinesis.access-key",
                "AKIDEXAMPLE"))
                .hasMessage("source.kinesis.access-key and source.kinesis.secret-key go together: only "
                        + "source.kinesis.access-key is set; set both (static credentials, for tests and local "
                        + "servers) or neither (the AWS default credentials chain)");
        assertThatThrownBy(() -> telemetry("source.kinesis.stream-arn", ARN, "source.kinesis.secret-key", "s3cr3t"))
                .hasMessageContaining("only source.kinesis.secret-key is set")
                .message().doesNotContain("s3cr3t");
    }

    @Test
    void theKeysMatterOnlyToARunThatBuildsAKinesisClient() {
        telemetry("source.type", "file", "source.file.path", "/in", "source.kinesis.secret-key", "s3cr3t");
        assertThatThrownBy(() -> telemetry("source.type", "file", "source.file.path", "/in",
                "source.kinesis.secret-key", "s3cr3t", "deadletters.stream.type", "kinesis",
                "deadletters.stream.kinesis.stream-arn", ARN))
                .hasMessageStartingWith("source.kinesis.access-key and source.kinesis.secret-key go together");
        // a replay sends events only when asked to
        ConfigLoader.fromMap(Command.REPLAY, options("source.type", "file", "source.file.path", "/in",
                "source.kinesis.secret-key", "s3cr3t", "deadletters.stream.type", "kinesis",
                "deadletters.stream.kinesis.stream-arn", ARN, "replay.from", "2025-11-20T00:00:00Z",
                "replay.to", "2025-11-20T06:00:00Z", "lake.path", "file:///tmp/fleetstream-lake"));
        assertThatThrownBy(() -> ConfigLoader.fromMap(Command.SIMULATE, options("source.type", "simulator",
                "simulate.to", "kinesis", "source.kinesis.stream-arn", ARN, "source.kinesis.access-key", "AKID")))
                .hasMessageStartingWith("source.kinesis.access-key and source.kinesis.secret-key go together");
        ConfigLoader.fromMap(Command.SIMULATE, options("source.type", "simulator", "source.kinesis.access-key",
                "AKID"));
    }

    @Test
    void aBadEndpointOrRegionNamesTheKeyAndWhatIsAccepted() {
        assertThatThrownBy(() -> config("source.kinesis.stream-arn", ARN, "source.kinesis.endpoint", "127.0.0.1:4568"))
                .hasMessage("invalid value '127.0.0.1:4568' for option 'source.kinesis.endpoint': expected an "
                        + "http:// or https:// URL such as http://127.0.0.1:4568");
        assertThatThrownBy(() -> config("source.kinesis.stream-arn", ARN, "source.kinesis.region", "Ireland"))
                .hasMessage("invalid value 'Ireland' for option 'source.kinesis.region': expected an AWS region "
                        + "such as eu-west-1");
    }

    @Test
    void everyKinesisProblemOfAConfigurationIsReportedInOneError() {
        assertThatThrownBy(() -> telemetry("source.kinesis.stream-arn", ARN,
                "source.kinesis.region", "Ireland",
                "source.kinesis.endpoint", "localhost",
                "source.kinesis.starting-position", "at-timestamp",
                "source.kinesis.efo.consumer-name", "fleet",
                "source.kinesis.secret-key", "s3cr3t"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid configuration:\n"
                        + "  - invalid value 'Ireland' for option 'source.kinesis.region': expected an AWS region "
                        + "such as eu-west-1\n"
                        + "  - invalid value 'localhost' for option 'source.kinesis.endpoint': expected an http:// or "
                        + "https:// URL such as http://127.0.0.1:4568\n"
                        + "  - source.kinesis.starting-timestamp is required when source.type is kinesis and "
                        + "source.kinesis.starting-position is at-timestamp: an ISO-8601 instant (arrival time in the "
                        + "stream) such as 2025-11-20T10:00:00Z\n"
                        + "  - invalid value 'fleet' for option 'source.kinesis.efo.consumer-name': expected none when "
                        + "source.type is kinesis and source.kinesis.reader-type is polling; set "
                        + "source.kinesis.reader-type to efo to read through a stream consumer, or remove "
                        + "source.kinesis.efo.consumer-name\n"
                        + "  - source.kinesis.access-key and source.kinesis.secret-key go together: only "
                        + "source.kinesis.secret-key is set; set both (static credentials, for tests and local "
                        + "servers) or neither (the AWS default credentials chain)");
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
        FleetConfig cfg = ConfigLoader.fromMap(Command.TELEMETRY, merged);
        assertThat(cfg.get(SourceOptions.TYPE)).isEqualTo(SourceOptions.SourceType.KINESIS);
        assertThat(KinesisSources.create(cfg)).isNotNull();
    }

    @Test
    void efoWithoutAConsumerNameNamesTheKeyAndWhyItIsNeeded() {
        assertThatThrownBy(() -> telemetry("source.kinesis.stream-arn", ARN, "source.kinesis.reader-type", "efo"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("source.kinesis.efo.consumer-name is required when source.type is kinesis and "
                        + "source.kinesis.reader-type is efo and source.kinesis.efo.lifecycle is job-managed: the "
                        + "name the job registers its stream consumer under, 1 to 128 letters, digits, '_', '.' or "
                        + "'-'");
        assertThatThrownBy(() -> telemetry("source.kinesis.stream-arn", ARN, "source.kinesis.reader-type", "efo",
                "source.kinesis.efo.lifecycle", "self-managed"))
                .hasMessage("source.kinesis.efo.consumer-name (or source.kinesis.efo.consumer-arn) is required when "
                        + "source.type is kinesis and source.kinesis.reader-type is efo and "
                        + "source.kinesis.efo.lifecycle is self-managed: the name or ARN of the stream "
                        + "consumer registered beforehand");
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
    void aJobManagedConsumerGivenByArnIsRefusedSayingItIsRegisteredByName() {
        String consumer = ARN + "/consumer/fleet:1763633730";
        assertThatThrownBy(() -> telemetry("source.kinesis.stream-arn", ARN, "source.kinesis.reader-type", "efo",
                "source.kinesis.efo.consumer-name", "fleet", "source.kinesis.efo.consumer-arn", consumer))
                .hasMessage("invalid value '" + consumer + "' for option 'source.kinesis.efo.consumer-arn': expected "
                        + "none when source.type is kinesis and source.kinesis.reader-type is efo and "
                        + "source.kinesis.efo.lifecycle is job-managed; a job-managed consumer is registered by the "
                        + "job, by name: give source.kinesis.efo.consumer-name instead, or set "
                        + "source.kinesis.efo.lifecycle self-managed for a consumer registered beforehand");
    }

    @Test
    void aConsumerNameOrArnNotOfItsFormIsRefusedWhateverTheCommand() {
        assertThatThrownBy(() -> config("source.kinesis.efo.consumer-name", "fleet telemetry"))
                .hasMessage("invalid value 'fleet telemetry' for option 'source.kinesis.efo.consumer-name': expected "
                        + "1 to 128 letters, digits, '_', '.' or '-'");
        assertThatThrownBy(() -> config("source.kinesis.efo.consumer-arn", ARN + "/consumer/fleet"))
                .hasMessage("invalid value '" + ARN + "/consumer/fleet' for option 'source.kinesis.efo.consumer-arn': "
                        + "expected a stream consumer ARN such as arn:aws:kinesis:eu-west-1:123456789012:stream/"
                        + "telemetry/consumer/fleet:1763633730");
    }

    @Test
    void aSelfManagedConsumerIsNamedOnceAndBelongsToTheStream() {
        String consumer = ARN + "/consumer/fleet:1763633730";
        assertThatThrownBy(() -> telemetry("source.kinesis.stream-arn", ARN, "source.kinesis.reader-type", "efo",
                "source.kinesis.efo.lifecycle", "self-managed", "source.kinesis.efo.consumer-name", "fleet",
                "source.kinesis.efo.consumer-arn", consumer))
                .hasMessage("invalid value 'fleet' for option 'source.kinesis.efo.consumer-name': expected none when "
                        + "source.kinesis.efo.consumer-arn is set; both name the stream consumer: give one of them");
        String otherStream = "arn:aws:kinesis:eu-west-1:123456789012:stream/other/consumer/fleet:1763633730";
        assertThatThrownBy(() -> telemetry("source.kinesis.stream-arn", ARN, "source.kinesis.reader-type", "efo",
                "source.kinesis.efo.lifecycle", "self-managed", "source.kinesis.efo.consumer-arn", otherStream))
                .hasMessage("invalid value '" + otherStream + "' for option 'source.kinesis.efo.consumer-arn': "
                        + "expected a consumer of source.kinesis.stream-arn, " + ARN + "/consumer/NAME:CREATED");
        assertThat(KinesisSources.enhancedFanOut(telemetry("source.kinesis.stream-arn", ARN,
                "source.kinesis.reader-type", "efo", "source.kinesis.efo.lifecycle", "self-managed",
                "source.kinesis.efo.consumer-name", "fleet"))).isEqualTo(EnhancedFanOut.selfManaged("fleet"));
    }

    @Test
    void aConsumerWhilePollingIsRefusedByTheLiveCommandsOnly() {
        assertThatThrownBy(() -> telemetry("source.kinesis.stream-arn", ARN, "source.kinesis.efo.consumer-arn",
                ARN + "/consumer/fleet:1763633730"))
                .hasMessage("invalid value '" + ARN + "/consumer/fleet:1763633730' for option "
                        + "'source.kinesis.efo.consumer-arn': expected none when source.type is kinesis and "
                        + "source.kinesis.reader-type is polling; set source.kinesis.reader-type to efo to read "
                        + "through a stream consumer, or remove source.kinesis.efo.consumer-arn");
        // the live job's file with its reader switched to polling for a replay
        ConfigLoader.fromMap(Command.REPLAY, options("source.kinesis.stream-arn", ARN,
                "source.kinesis.efo.consumer-name", "fleet", "replay.from", "2025-11-20T00:00:00Z",
                "replay.to", "2025-11-20T06:00:00Z", "lake.path", "file:///tmp/fleetstream-lake"));
    }

    @Test
    void efoReachesTheSourceWithItsConsumerLifecycleAndSubscriptionTimeout() {
        FleetConfig jobManaged = telemetry("source.kinesis.stream-arn", ARN, "source.kinesis.reader-type", "efo",
                "source.kinesis.efo.consumer-name", "fleet");
        assertThat(KinesisSources.enhancedFanOut(jobManaged))
                .isEqualTo(EnhancedFanOut.jobManaged("fleet"));
        assertThat(KinesisSources.create(jobManaged).getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
        String consumer = ARN + "/consumer/fleet:1763633730";
        FleetConfig byArn = telemetry("source.kinesis.stream-arn", ARN, "source.kinesis.reader-type", "efo",
                "source.kinesis.efo.lifecycle", "self-managed", "source.kinesis.efo.consumer-arn", consumer,
                "source.kinesis.efo.subscription-timeout", "20 s");
        assertThat(KinesisSources.enhancedFanOut(byArn))
                .isEqualTo(EnhancedFanOut.consumerArn(consumer).subscriptionTimeout(Duration.ofSeconds(20)));
        assertThat(KinesisSources.enhancedFanOut(telemetry("source.kinesis.stream-arn", ARN)))
                .as("polling by default").isNull();
    }

    @Test
    void aReplayRefusesEfoSayingThatItPolls() {
        Map<String, String> replay = options("source.kinesis.stream-arn", ARN, "source.kinesis.reader-type", "efo",
                "source.kinesis.efo.consumer-name", "fleet", "replay.from", "2025-11-20T00:00:00Z",
                "replay.to", "2025-11-20T06:00:00Z", "lake.path", "file:///tmp/fleetstream-lake");
        assertThatThrownBy(() -> ConfigLoader.fromMap(Command.REPLAY, replay))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value 'efo' for option 'source.kinesis.reader-type': expected polling when "
                        + "source.type is kinesis with replay: a replay finds its window by polling (GetRecords); "
                        + "enhanced fan-out (SubscribeToShard) reads live streams only");
        replay.put("source.kinesis.reader-type", "polling");
        FleetConfig cfg = ConfigLoader.fromMap(Command.REPLAY, replay);
        assertThat(ReplaySources.kinesis(cfg, ReplaySettings.of(cfg, Instant.parse("2025-11-21T00:00:00Z")))
                .getBoundedness()).isEqualTo(Boundedness.BOUNDED);
    }
}
