package io.fleetstream.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.jobs.config.Command;
import io.fleetstream.jobs.config.ConfigException;
import io.fleetstream.jobs.config.ConfigLoader;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.TimeSeriesOptions;
import io.fleetstream.jobs.sources.Sources;
import io.fleetstream.sinks.timeseries.LineProtocolSink;
import io.fleetstream.sinks.timeseries.Precision;
import io.fleetstream.sinks.timeseries.RollupPoints;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** timeseries.* options: what they add to the job, and how a bad configuration stops it at start-up. */
class TimeSeriesOutputsTest {

    private static List<String> uidsAfterAttach(Map<String, String> options) {
        FleetConfig cfg = ConfigLoader.fromMap(options);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        PipelineStreams streams = TelemetryPipeline.build(Sources.create(env, cfg), cfg);
        TimeSeriesOutputs.attach(streams, cfg);
        streams.rollups.print(); // a sink, so the graph has nodes even when nothing was attached
        return env.getStreamGraph().getStreamNodes().stream().map(StreamNode::getTransformationUID)
                .filter(uid -> uid != null && uid.startsWith("timeseries")).collect(Collectors.toList());
    }

    private static Map<String, String> enabled(String... more) {
        Map<String, String> m = new HashMap<>(Map.of("lake.path", "/lake", "timeseries.enabled", "true",
                "timeseries.endpoint", "http://127.0.0.1:8086", "timeseries.bucket", "telemetry"));
        for (int i = 0; i < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return m;
    }

    @Test
    void offByDefault() {
        assertThat(TimeSeriesOptions.ENABLED.defaultValue()).isFalse();
        assertThat(uidsAfterAttach(Map.of())).isEmpty();
    }

    @Test
    void enabledWritesRollupsAndReadingsOnlyWhenAskedTo() {
        assertThat(uidsAfterAttach(enabled())).anyMatch(u -> u.startsWith("timeseries-rollups"))
                .noneMatch(u -> u.startsWith("timeseries-readings"));
        assertThat(uidsAfterAttach(enabled("timeseries.readings", "true")))
                .anyMatch(u -> u.startsWith("timeseries-rollups")).anyMatch(u -> u.startsWith("timeseries-readings"));
    }

    @Test
    void enabledWithoutAnEndpointFailsNamingTheKey() {
        Map<String, String> m = enabled();
        m.remove("timeseries.endpoint");
        assertThatThrownBy(() -> ConfigLoader.fromMap(Command.TELEMETRY, m)).isInstanceOf(ConfigException.class)
                .hasMessage("timeseries.endpoint is required when timeseries.enabled is true: http(s)://host:port of "
                        + "the store");
    }

    @Test
    void enabledWithoutABucketFailsNamingTheKey() {
        Map<String, String> m = enabled("timeseries.bucket", "");
        assertThatThrownBy(() -> ConfigLoader.fromMap(Command.DEMO, m)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("timeseries.bucket is required when timeseries.enabled is true (it is empty): "
                        + "the bucket");
    }

    @Test
    void anEndpointThatIsNotAnHttpUrlFailsNamingTheKeyAndWhatIsAccepted() {
        assertThatThrownBy(() -> uidsAfterAttach(enabled("timeseries.endpoint", "localhost:8086")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("invalid value 'localhost:8086' for option 'timeseries.endpoint'")
                .hasMessageContaining("expected an http:// or https:// URL");
    }

    @Test
    void optionsReachTheSink() {
        FleetConfig cfg = ConfigLoader.fromMap(enabled("timeseries.org", "fleet", "timeseries.precision", "s",
                "timeseries.token", "s3cr3t"));
        LineProtocolSink<?> sink = TimeSeriesOutputs.sink(cfg, new RollupPoints());
        assertThat(sink.writeUri().toString())
                .isEqualTo("http://127.0.0.1:8086/api/v2/write?org=fleet&bucket=telemetry&precision=s");
        assertThat(sink.toString()).doesNotContain("s3cr3t");
        assertThat(cfg.get(TimeSeriesOptions.PRECISION)).isEqualTo(Precision.S);
    }

    @Test
    void aBadPrecisionOrBatchSizeNamesTheKeyAndTheAcceptedValues() {
        assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("timeseries.precision", "minutes")))
                .hasMessage("invalid value 'minutes' for option 'timeseries.precision': expected one of ns, us, ms, s");
        assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("timeseries.batch.max-bytes", "10 b")))
                .hasMessageContaining("'timeseries.batch.max-bytes': expected a size of at least 1 kb");
    }
}
