package io.fleetstream.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rules between options: each kind, the commands they hold for, and every problem of a configuration at once. */
class CrossRulesTest {

    private static FleetConfig load(Command command, String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return ConfigLoader.fromMap(command, m);
    }

    @Test
    void everyProblemOfEveryRuleAndOptionIsReportedInOneError() {
        assertThatThrownBy(() -> load(Command.TELEMETRY,
                "source.type", "kafka",
                "rollup.sliding.slide", "7 min",
                "anomaly.key-by", "group",
                "timeseries.enabled", "true",
                "state.dynamodb.enabled", "true", "state.dynamodb.table", "devices",
                "state.dynamodb.access-key", "AKIDEXAMPLE",
                "dedup.retention", "forever",
                "simulator.devise", "3"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid configuration:\n"
                        + "  - invalid value 'forever' for option 'dedup.retention': expected a positive duration such "
                        + "as 30 s, 5 min, 2 h, 7 d\n"
                        + "  - unknown option 'simulator.devise'; did you mean 'simulator.devices'?\n"
                        + "  - source.kafka.bootstrap-servers is required when source.type is kafka: the Kafka "
                        + "bootstrap servers (host:port,...)\n"
                        + "  - invalid value '7 min' for option 'rollup.sliding.slide': expected at most "
                        + "rollup.sliding.size ('5 min' (the default))\n"
                        + "  - invalid value '4' (the default) for option 'anomaly.shingle': expected 1 when "
                        + "anomaly.enabled is true and anomaly.key-by is group (a shingle would string together "
                        + "readings of different devices)\n"
                        + "  - timeseries.endpoint is required when timeseries.enabled is true: http(s)://host:port of "
                        + "the store\n"
                        + "  - timeseries.bucket is required when timeseries.enabled is true: the bucket (InfluxDB 2, "
                        + "Timestream for InfluxDB) or database (InfluxDB 3) to write to\n"
                        + "  - state.dynamodb.access-key and state.dynamodb.secret-key go together: only "
                        + "state.dynamodb.access-key is set; set both (static keys, for tests and DynamoDB Local) or "
                        + "neither (the default credentials chain)\n"
                        + "  - lake.path is required for telemetry: the root of the Parquet lake (file:///..., "
                        + "s3://bucket/prefix)");
    }

    @Test
    void aRuleOverAValueWithAProblemOfItsOwnIsLeftOut() {
        assertThatThrownBy(() -> load(Command.TELEMETRY, "lake.path", "/lake", "rollup.sliding.slide", "soon"))
                .hasMessage("invalid value 'soon' for option 'rollup.sliding.slide': expected a positive duration "
                        + "such as 30 s, 5 min, 2 h, 7 d");
    }

    @Test
    void rulesHoldForTheirCommandsOnlyAndWithoutACommandNoneAreChecked() {
        // replay's rules (a window) are not telemetry's, and telemetry's (a lake) not simulate's
        assertThat(load(Command.TELEMETRY, "lake.path", "/lake").get(RunOptions.LAKE_PATH)).isEqualTo("/lake");
        assertThat(load(Command.SIMULATE, "source.type", "kafka").get(SourceOptions.TYPE))
                .isEqualTo(SourceOptions.SourceType.KAFKA);
        assertThatThrownBy(() -> load(Command.SIMULATE, "simulate.to", "kafka"))
                .hasMessage("source.kafka.bootstrap-servers is required when simulate.to is kafka: the Kafka bootstrap "
                        + "servers (host:port,...) to write to");
        assertThat(ConfigLoader.fromMap(Map.of("timeseries.enabled", "true")).get(TimeSeriesOptions.ENABLED)).isTrue();
    }

    @Test
    void requiredWhenHoldsOnlyUnderItsConditionAndCountsABlankValueAsMissing() {
        load(Command.TELEMETRY, "lake.path", "/lake", "source.type", "kafka", "source.kafka.bootstrap-servers", "k:9092");
        assertThatThrownBy(() -> load(Command.TELEMETRY, "lake.path", "/lake", "source.type", "file",
                "source.file.path", "  "))
                .hasMessage("source.file.path is required when source.type is file (it is empty): an NDJSON file or "
                        + "folder to read");
        assertThatThrownBy(() -> load(Command.BENCH, "source.type", "kafka", "source.kafka.bootstrap-servers", "k:9092",
                "source.kafka.starting-offsets", "timestamp"))
                .hasMessage("source.kafka.starting-timestamp is required when source.type is kafka and "
                        + "source.kafka.starting-offsets is timestamp: an ISO-8601 instant such as 2025-11-20T00:00:00Z");
    }

    @Test
    void oneRequiredWhenTakesEitherOption() {
        load(Command.TELEMETRY, "lake.path", "/lake", "alarms.control.type", "kafka",
                "alarms.control.kafka.bootstrap-servers", "k:9092");
        load(Command.TELEMETRY, "lake.path", "/lake", "alarms.control.type", "kafka",
                "source.kafka.bootstrap-servers", "k:9092");
        assertThatThrownBy(() -> load(Command.TELEMETRY, "lake.path", "/lake", "alarms.control.type", "kafka"))
                .hasMessage("alarms.control.kafka.bootstrap-servers (or source.kafka.bootstrap-servers) is required "
                        + "when alarms.control.type is kafka: the Kafka bootstrap servers of the control topic "
                        + "(host:port,...)");
    }

    @Test
    void togetherTakesBothOrNeitherAndNeverPrintsTheValues() {
        load(Command.TELEMETRY, "lake.path", "/lake", "state.dynamodb.enabled", "true", "state.dynamodb.table", "devices");
        load(Command.TELEMETRY, "lake.path", "/lake", "state.dynamodb.enabled", "true", "state.dynamodb.table", "devices",
                "state.dynamodb.access-key", "a", "state.dynamodb.secret-key", "s");
        // the keys matter only to a table that is written
        load(Command.TELEMETRY, "lake.path", "/lake", "state.dynamodb.secret-key", "s3cr3t");
        assertThatThrownBy(() -> load(Command.TELEMETRY, "lake.path", "/lake", "state.dynamodb.enabled", "true",
                "state.dynamodb.table", "devices", "state.dynamodb.secret-key", "s3cr3t"))
                .hasMessageStartingWith("state.dynamodb.access-key and state.dynamodb.secret-key go together: only "
                        + "state.dynamodb.secret-key is set")
                .message().doesNotContain("s3cr3t");
    }

    @Test
    void absentWhenRefusesAValueUnderItsConditionOnlyAndSaysWhatToDo() {
        String kinesis = "arn:aws:kinesis:eu-west-1:123456789012:stream/telemetry";
        assertThatThrownBy(() -> load(Command.TELEMETRY, "lake.path", "/lake", "source.type", "kinesis",
                "source.kinesis.stream-arn", kinesis, "source.kinesis.efo.consumer-name", "fleet"))
                .hasMessage("invalid value 'fleet' for option 'source.kinesis.efo.consumer-name': expected none when "
                        + "source.type is kinesis and source.kinesis.reader-type is polling; set "
                        + "source.kinesis.reader-type to efo to read through a stream consumer, or remove "
                        + "source.kinesis.efo.consumer-name");
        load(Command.TELEMETRY, "lake.path", "/lake", "source.type", "kinesis", "source.kinesis.stream-arn", kinesis,
                "source.kinesis.reader-type", "efo", "source.kinesis.efo.consumer-name", "fleet");
        load(Command.TELEMETRY, "lake.path", "/lake", "source.kinesis.efo.consumer-name", "fleet");
        // blank is not given
        load(Command.TELEMETRY, "lake.path", "/lake", "source.type", "kinesis", "source.kinesis.stream-arn", kinesis,
                "source.kinesis.efo.consumer-name", " ");
    }

    @Test
    void exclusiveNamesTheKeyTheOtherOptionWasGivenUnder() {
        assertThatThrownBy(() -> load(Command.TELEMETRY, "lake.path", "/lake", "resume", "true",
                "source.type", "file", "source.file.path", "/in", "checkpoint.dir", "/c",
                "flink.execution.savepoint.path", "/s"))
                .hasMessage("invalid value 'true' for option 'resume': expected false when "
                        + "flink.execution.savepoint.path is set; resume restores the newest complete checkpoint "
                        + "under checkpoint.dir, the restore path the one it names: give one of them");
        load(Command.TELEMETRY, "lake.path", "/lake", "resume", "false", "flink.execution.savepoint.path", "/s");
    }

    @Test
    void atMostAndBeforeNameBothValues() {
        assertThatThrownBy(() -> load(Command.DEMO, "rollup.sliding.size", "2 min", "rollup.sliding.slide", "3 min"))
                .hasMessage("invalid value '3 min' for option 'rollup.sliding.slide': expected at most "
                        + "rollup.sliding.size ('2 min')");
        assertThatThrownBy(() -> load(Command.REPLAY, "source.type", "lake", "lake.path", "/lake",
                "replay.from", "2025-11-21", "replay.to", "2025-11-21T00:00:00Z"))
                .hasMessage("invalid window: replay.from (2025-11-21T00:00:00Z) must be before replay.to "
                        + "(2025-11-21T00:00:00Z); the window is [replay.from, replay.to) in event time");
    }

    @Test
    void expectAndCheckWordTheirOwnProblems() {
        assertThatThrownBy(() -> load(Command.BENCH, "resume", "true"))
                .hasMessage("invalid value 'true' for option 'resume': expected false with bench, which measures two "
                        + "different jobs, each from its start");
        assertThatThrownBy(() -> load(Command.TELEMETRY, "lake.path", "/lake", "source.type", "lake"))
                .hasMessage("invalid value 'lake' for option 'source.type': the lake source is for the replay "
                        + "command (replay --source.type lake --replay.from ... --replay.to ...)");
    }

    @Test
    void everyRuleReadsKnownOptionsAndIsListedInTheReference() {
        String reference = ConfigReference.markdown();
        for (CrossRule rule : FleetOptions.rules()) {
            assertThat(rule.keys()).as(rule.describe())
                    .allMatch(k -> FleetOptions.spec(k) != null || k.startsWith(FleetOptions.FLINK_PREFIX));
            assertThat(rule.section()).as(rule.describe()).isNotNull();
        }
        assertThat(reference).contains("- `rollup.sliding.slide` is at most `rollup.sliding.size`\n")
                .contains("- `replay.from` is before `replay.to` (replay)\n")
                .contains("- `source.kinesis.reader-type` is polling when `source.type` is kinesis (replay)\n");
    }
}
