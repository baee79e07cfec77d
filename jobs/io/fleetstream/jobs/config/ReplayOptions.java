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

    private static final String WINDOW = "the window is [replay.from, replay.to) in event time";

    static final List<CrossRule> RULES = S.rules(
            Rules.required(FROM, "an ISO-8601 instant such as 2025-11-20T00:00:00Z (" + WINDOW + ")")
                    .in(Command.REPLAY),
            Rules.required(TO, "an ISO-8601 instant such as 2025-11-21T00:00:00Z (" + WINDOW + ")")
                    .in(Command.REPLAY),
            Rules.before(FROM, TO, WINDOW).in(Command.REPLAY),
            Rules.requiredWhen(RunOptions.LAKE_PATH, When.notGiven(OUTPUT_PATH),
                    "the run writes to <lake.path>/replays/<run id>").in(Command.REPLAY),
            // a new run id is a new output folder, while the checkpoint's lake files belong to the old one
            Rules.requiredWhen(RUN_ID, When.isTrue(RunOptions.RESUME).and(When.notGiven(OUTPUT_PATH)),
                    "the id of the replay to resume, whose outputs are under <lake.path>/replays/<run id>")
                    .in(Command.REPLAY),
            Rules.check("replay.output.path is not lake.path when source.type is lake", (cfg, c) -> {
                boolean fromLake = cfg.get(SourceOptions.TYPE) == SourceOptions.SourceType.LAKE;
                if (!fromLake || !Rules.given(cfg, OUTPUT_PATH) || !Rules.given(cfg, RunOptions.LAKE_PATH)
                        || !folder(cfg.get(OUTPUT_PATH)).equals(folder(cfg.get(RunOptions.LAKE_PATH)))) {
                    return null;
                }
                return "invalid value " + Rules.quoted(cfg, OUTPUT_PATH) + " for option '" + OUTPUT_PATH.key()
                        + "': with source.type lake it is the lake the replay reads (lake.path); its readings would "
                        + "be written again into the table they are read from";
            }, OUTPUT_PATH, RunOptions.LAKE_PATH, SourceOptions.TYPE).in(Command.REPLAY));

    /** A folder path as the replay compares and joins it: trimmed, without trailing slashes. */
    public static String folder(String path) {
        String p = path.trim();
        while (p.endsWith("/") && !p.endsWith("://")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
