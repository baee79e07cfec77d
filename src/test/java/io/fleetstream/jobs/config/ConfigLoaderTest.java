package io.fleetstream.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void readsTypedOptionsWithDefaults() {
        FleetConfig cfg = ConfigLoader.load(new String[] {"--source.type", "file", "--rollup.tumbling.size=30 s"});
        assertThat(cfg.get(SourceOptions.TYPE)).isEqualTo(SourceOptions.SourceType.FILE);
        assertThat(cfg.get(PipelineOptions.TUMBLING_SIZE)).isEqualTo(Duration.ofSeconds(30));
        assertThat(cfg.get(PipelineOptions.OUT_OF_ORDERNESS)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void unknownKeyFailsWithASuggestion() {
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--sorce.type", "file"}))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown option 'sorce.type'; did you mean 'source.type'?");
    }

    @Test
    void badEnumValueNamesTheKeyTheValueAndTheAcceptedValues() {
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--source.type", "kinesys"}))
                .hasMessage("invalid value 'kinesys' for option 'source.type': expected one of "
                        + "kinesis, kafka, simulator, file, lake");
    }

    @Test
    void badDurationAndOutOfRangeValuesAreAllReportedAtOnce() {
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {
                "--watermark.out-of-orderness", "soon", "--simulator.fault-rate", "1.5", "--simulator.devices", "0"}))
                .hasMessageContaining("invalid value 'soon' for option 'watermark.out-of-orderness': expected a duration")
                .hasMessageContaining("invalid value '1.5' for option 'simulator.fault-rate': expected a number from 0 to 1")
                .hasMessageContaining("invalid value '0' for option 'simulator.devices': expected an integer >= 1");
    }

    @Test
    void flagsOverrideTheConfigFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fleet.yaml");
        Files.writeString(file, "# fleet\nsource.type: kafka\nsource.kafka.topics: \"a,b\"\nsimulator.devices: 5\n");
        FleetConfig cfg = ConfigLoader.load(new String[] {"--config", file.toString(), "--simulator.devices", "7"});
        assertThat(cfg.get(SourceOptions.TYPE)).isEqualTo(SourceOptions.SourceType.KAFKA);
        assertThat(cfg.get(SourceOptions.KAFKA_TOPICS)).isEqualTo("a,b");
        assertThat(cfg.get(SimulatorOptions.DEVICES)).isEqualTo(7);
    }

    @Test
    void badValueInTheConfigFileFailsLikeAFlag(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fleet.properties");
        Files.writeString(file, "dedup.retention=forever\n");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--config", file.toString()}))
                .hasMessageStartingWith("invalid value 'forever' for option 'dedup.retention'");
    }

    @Test
    void managedFlinkPropertyGroupsAreReadLikeFlags() {
        Properties group = new Properties();
        group.setProperty("source.type", "kafka");
        group.setProperty("lake.path", "s3://lake/fleet");
        FleetConfig cfg = ConfigLoader.fromMap(ManagedFlinkProperties.merge(Map.of("FleetStream", group)));
        assertThat(cfg.get(RunOptions.LAKE_PATH)).isEqualTo("s3://lake/fleet");
        assertThat(cfg.get(SourceOptions.TYPE)).isEqualTo(SourceOptions.SourceType.KAFKA);
    }

    @Test
    void flinkAndKafkaPassThroughKeysAreKeptAside() {
        FleetConfig cfg = ConfigLoader.load(new String[] {
                "--flink.parallelism.default", "3", "--source.kafka.properties.security.protocol", "SSL"});
        assertThat(cfg.flinkOptions().toMap()).containsEntry("parallelism.default", "3");
        assertThat(cfg.withPrefix(SourceOptions.KAFKA_PROPERTIES_PREFIX)).containsEntry("security.protocol", "SSL");
    }

    @Test
    void flagWithoutValueIsAnError() {
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--lake.path"}))
                .hasMessage("option --lake.path needs a value");
    }
}
