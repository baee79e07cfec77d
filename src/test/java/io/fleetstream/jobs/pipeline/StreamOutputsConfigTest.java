package io.fleetstream.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.jobs.config.ConfigException;
import io.fleetstream.jobs.config.ConfigLoader;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.model.AlarmEvent;
import io.fleetstream.model.RawRecord;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** Stream outputs that cannot work stop the job definition with a message naming the keys. */
class StreamOutputsConfigTest {
    private final StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

    private DataStream<AlarmEvent> alarms() {
        return env.fromData(List.of(new AlarmEvent()), TypeInformation.of(AlarmEvent.class));
    }

    @Test
    void aKinesisAlarmStreamWithoutAnArnNamesTheArnKey() {
        FleetConfig cfg = ConfigLoader.fromMap(Map.of("alarms.stream.type", "kinesis"));
        assertThatThrownBy(() -> StreamOutputs.alarms(alarms(), cfg))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("alarms.stream.kinesis.stream-arn is required when alarms.stream.type is "
                        + "kinesis");
    }

    @Test
    void aKinesisAnomalyStreamWithABadArnNamesTheArnKey() {
        FleetConfig cfg = ConfigLoader.fromMap(Map.of("anomaly.enabled", "true", "anomalies.stream.type", "kinesis",
                "anomalies.stream.kinesis.stream-arn", "arn:aws:kinesis:eu-west-1:123:stream/x"));
        assertThatThrownBy(() -> StreamOutputs.attach(pipeline(cfg), cfg))
                .hasMessageStartingWith("invalid value 'arn:aws:kinesis:eu-west-1:123:stream/x' for option "
                        + "'anomalies.stream.kinesis.stream-arn'");
    }

    @Test
    void anAlarmStreamWithAlarmsSwitchedOffNamesBothKeys() {
        FleetConfig cfg = ConfigLoader.fromMap(Map.of("alarms.enabled", "false", "alarms.stream.type", "kinesis",
                "alarms.stream.kinesis.stream-arn", "arn:aws:kinesis:eu-west-1:123456789012:stream/alarms"));
        assertThatThrownBy(() -> StreamOutputs.attach(pipeline(cfg), cfg))
                .hasMessage("alarms.stream.type sends events that are not computed: set alarms.enabled true, or "
                        + "alarms.stream.type none");
    }

    @Test
    void aKinesisDeadLetterStreamWithoutAnArnNamesTheArnKey() {
        FleetConfig cfg = ConfigLoader.fromMap(Map.of("deadletters.stream.type", "kinesis"));
        assertThatThrownBy(() -> StreamOutputs.attach(pipeline(cfg), cfg))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("deadletters.stream.kinesis.stream-arn is required when "
                        + "deadletters.stream.type is kinesis");
    }

    private PipelineStreams pipeline(FleetConfig cfg) {
        DataStream<RawRecord> raw = env.fromData(List.of(new RawRecord(new byte[0], "test", 0L)),
                TypeInformation.of(RawRecord.class)).assignTimestampsAndWatermarks(WatermarkStrategy.noWatermarks());
        return TelemetryPipeline.build(raw, cfg);
    }
}
