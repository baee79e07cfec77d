package io.fleetstream.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.jobs.config.Command;
import io.fleetstream.jobs.config.ConfigException;
import io.fleetstream.jobs.config.ConfigLoader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stream outputs that cannot work stop the command before its job is built, with a message naming the keys. */
class StreamOutputsConfigTest {
    private static final String ARN = "arn:aws:kinesis:eu-west-1:123456789012:stream/alarms";

    private static void check(Command command, String... kv) {
        // what telemetry and replay need besides the streams
        Map<String, String> m = new LinkedHashMap<>(Map.of("lake.path", "/lake", "source.type", "file",
                "source.file.path", "/in", "replay.from", "2025-11-20", "replay.to", "2025-11-21"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        ConfigLoader.fromMap(command, m);
    }

    @Test
    void aKinesisAlarmStreamWithoutAnArnNamesTheArnKey() {
        assertThatThrownBy(() -> check(Command.TELEMETRY, "alarms.stream.type", "kinesis"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("alarms.stream.kinesis.stream-arn is required when alarms.stream.type is kinesis: a "
                        + "Kinesis stream ARN such as arn:aws:kinesis:eu-west-1:123456789012:stream/telemetry");
    }

    @Test
    void aKinesisAnomalyStreamWithABadArnNamesTheArnKey() {
        assertThatThrownBy(() -> check(Command.TELEMETRY, "anomalies.stream.type", "kinesis",
                "anomalies.stream.kinesis.stream-arn", "arn:aws:kinesis:eu-west-1:123:stream/x"))
                .hasMessage("invalid value 'arn:aws:kinesis:eu-west-1:123:stream/x' for option "
                        + "'anomalies.stream.kinesis.stream-arn': expected a Kinesis stream ARN such as "
                        + "arn:aws:kinesis:eu-west-1:123456789012:stream/telemetry");
    }

    @Test
    void anAlarmStreamWithAlarmsSwitchedOffNamesBothKeys() {
        assertThatThrownBy(() -> check(Command.TELEMETRY, "alarms.enabled", "false", "alarms.stream.type", "kinesis",
                "alarms.stream.kinesis.stream-arn", ARN))
                .hasMessage("invalid value 'kinesis' for option 'alarms.stream.type': expected none when "
                        + "alarms.enabled is false (its events are not computed; or set alarms.enabled true)");
    }

    @Test
    void aKinesisDeadLetterStreamWithoutAnArnNamesTheArnKey() {
        assertThatThrownBy(() -> check(Command.DEMO, "deadletters.stream.type", "kinesis"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("deadletters.stream.kinesis.stream-arn is required when "
                        + "deadletters.stream.type is kinesis");
    }

    @Test
    void kafkaEventTopicsNeedBootstrapServersOfTheirOwnOrTheSources() {
        assertThatThrownBy(() -> check(Command.TELEMETRY, "anomalies.stream.type", "kafka"))
                .hasMessage("streams.kafka.bootstrap-servers (or source.kafka.bootstrap-servers) is required when "
                        + "alarms.stream.type, anomalies.stream.type or deadletters.stream.type is kafka: the Kafka "
                        + "bootstrap servers of the event topics (host:port,...)");
        check(Command.TELEMETRY, "anomalies.stream.type", "kafka", "source.kafka.bootstrap-servers", "k:9092");
    }

    @Test
    void aReplayIsHeldToTheStreamsOnlyWhenItWritesThem() {
        check(Command.REPLAY, "source.type", "lake", "alarms.stream.type", "kinesis");
        assertThatThrownBy(() -> check(Command.REPLAY, "source.type", "lake", "alarms.stream.type", "kinesis",
                "replay.write-streams", "true"))
                .hasMessageStartingWith("alarms.stream.kinesis.stream-arn is required when alarms.stream.type is "
                        + "kinesis and replay.write-streams is true:");
        assertThat(ConfigLoader.fromMap(Map.of("alarms.stream.type", "kinesis")).isSet(
                io.fleetstream.jobs.config.StreamOutputOptions.ALARMS_TYPE))
                .as("without a command, only each option's own check").isTrue();
    }
}
