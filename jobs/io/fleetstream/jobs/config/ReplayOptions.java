package io.fleetstream.jobs.config;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** The replay command: the window it replays, what it keeps, where it writes, and which live outputs it may touch. */
public final class ReplayOptions {
    private ReplayOptions() {}

    private static final Specs S = new Specs("Replay");

    public static final ConfigOption<String> FROM = S.instant(ConfigOptions.key("replay.from")
            .stringType().noDefaultValue()
            .withDescription("replay: start of the window, inclusive, in event time. Required for replay."));

    public static final ConfigOption<String> TO = S.instant(ConfigOptions.key("replay.to")
            .stringType().noDefaultValue()
            .withDescription("replay: end of the window, exclusive, in event time; after replay.from. Required for "
                    + "replay."));

    public static final ConfigOption<Duration> MARGIN = S.nonNegativeDuration(ConfigOptions.key("replay.margin")
            .durationType().defaultValue(Duration.ofMinutes(15))
            .withDescription("replay: Kinesis and Kafka position records by arrival time, so the replay reads what "
                    + "arrived from replay.from minus this to replay.to plus this, and keeps the readings whose event "
                    + "time is in the window. Readings that arrived later than this after their event time are "
                    + "missed. The lake source needs no margin (its partitions are by event time)."));

    public static final ConfigOption<String> DEVICES = S.text(ConfigOptions.key("replay.devices")
            .stringType().defaultValue("")
            .withDescription("replay: comma-separated device ids to keep; empty: every device."));

    public static final ConfigOption<String> DEVICE_GROUPS = S.text(ConfigOptions.key("replay.device-groups")
            .stringType().defaultValue("")
            .withDescription("replay: comma-separated device groups to keep; empty: every group. The lake source "
                    + "opens only these groups' partitions."));

    public static final ConfigOption<String> RUN_ID = S.add(ConfigOptions.key("replay.run-id")
            .stringType().defaultValue("")
            .withDescription("replay: name of the run, recorded in its manifest and part of its output folder. "
                    + "Empty: replay-<from>-<to>-<6 characters from the start time>, e.g. "
                    + "replay-20251120T000000Z-20251121T000000Z-k3x9qa."),
            v -> v.matches("[A-Za-z0-9._-]{0,100}") && !v.startsWith("."),
            "up to 100 letters, digits, '.', '_' or '-', not starting with '.'");

    public static final ConfigOption<String> OUTPUT_PATH = S.text(ConfigOptions.key("replay.output.path")
            .stringType().noDefaultValue()
            .withDescription("replay: root of the lake the run writes (its tables, _replay.json and report.html). "
                    + "Default: <lake.path>/replays/<run id>. Set it to lake.path itself to back-fill the live lake."));

    public static final ConfigOption<Boolean> WRITE_STATE_TABLE = S.bool(ConfigOptions.key("replay.write-state-table")
            .booleanType().defaultValue(false)
            .withDescription("replay: also write the current-state table in DynamoDB (when state.dynamodb.enabled). "
                    + "Off: a replay never touches the live table."));

    public static final ConfigOption<Boolean> WRITE_STREAMS = S.bool(ConfigOptions.key("replay.write-streams")
            .booleanType().defaultValue(false)
            .withDescription("replay: also send alarm and anomaly events to the streams alarms.stream.* and "
                    + "anomalies.stream.* name. Off: a replay never writes to them."));

    public static final ConfigOption<Boolean> WRITE_TIMESERIES = S.bool(ConfigOptions.key("replay.write-timeseries")
            .booleanType().defaultValue(false)
            .withDescription("replay: also write rollups to the time-series store (when timeseries.enabled). Off: "
                    + "a replay never writes to it."));

    static final List<OptionSpec<?>> SPECS = S.list();
}
