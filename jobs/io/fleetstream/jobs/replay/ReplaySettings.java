package io.fleetstream.jobs.replay;

import static io.fleetstream.jobs.config.ReplayOptions.DEVICES;
import static io.fleetstream.jobs.config.ReplayOptions.DEVICE_GROUPS;
import static io.fleetstream.jobs.config.ReplayOptions.FROM;
import static io.fleetstream.jobs.config.ReplayOptions.MARGIN;
import static io.fleetstream.jobs.config.ReplayOptions.OUTPUT_PATH;
import static io.fleetstream.jobs.config.ReplayOptions.RUN_ID;
import static io.fleetstream.jobs.config.ReplayOptions.TO;

import io.fleetstream.jobs.config.ConfigException;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.Instants;
import io.fleetstream.jobs.config.RunOptions;
import io.fleetstream.jobs.config.SourceOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * A replay's settings, checked together before anything runs: the event-time window {@code [from, to)}, the
 * arrival-time margin, the devices and groups kept, the run id and where the run's outputs go.
 */
public final class ReplaySettings {
    private static final DateTimeFormatter COMPACT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    public final Instant from;
    public final Instant to;
    public final Duration margin;
    public final Set<String> devices;
    public final Set<String> groups;
    public final String runId;
    /** Root of the lake the run writes: its tables, {@code _replay.json} and {@code report.html}. */
    public final String outputPath;
    /** Whether {@link #outputPath} is the default one under {@code <lake.path>/replays/}. */
    public final boolean defaultOutput;

    private ReplaySettings(Instant from, Instant to, Duration margin, Set<String> devices, Set<String> groups,
            String runId, String outputPath, boolean defaultOutput) {
        this.from = from;
        this.to = to;
        this.margin = margin;
        this.devices = devices;
        this.groups = groups;
        this.runId = runId;
        this.outputPath = outputPath;
        this.defaultOutput = defaultOutput;
    }

    /** @param now when the run starts, for the derived run id */
    public static ReplaySettings of(FleetConfig cfg, Instant now) {
        Instant from = instant(cfg, FROM.key(), cfg.get(FROM));
        Instant to = instant(cfg, TO.key(), cfg.get(TO));
        if (!from.isBefore(to)) {
            throw new ConfigException("invalid window: replay.from (" + from + ") must be before replay.to (" + to
                    + "); the window is [replay.from, replay.to) in event time");
        }
        String runId = cfg.get(RUN_ID).trim();
        if (runId.isEmpty()) {
            runId = "replay-" + COMPACT.format(from) + "-" + COMPACT.format(to) + "-" + shortId(now);
        }
        boolean defaultOutput = !cfg.isSet(OUTPUT_PATH) || cfg.get(OUTPUT_PATH).isBlank();
        String output = defaultOutput
                ? trimSlash(cfg.require(RunOptions.LAKE_PATH, "(or replay.output.path) for replay: the run writes to "
                        + "<lake.path>/replays/<run id>")) + "/replays/" + runId
                : trimSlash(cfg.get(OUTPUT_PATH).trim());
        if (cfg.get(SourceOptions.TYPE) == SourceOptions.SourceType.LAKE && cfg.isSet(RunOptions.LAKE_PATH)
                && output.equals(trimSlash(cfg.get(RunOptions.LAKE_PATH)))) {
            throw new ConfigException("invalid value '" + cfg.get(OUTPUT_PATH) + "' for option 'replay.output.path': "
                    + "with source.type lake it is the lake the replay reads (lake.path); its readings would be "
                    + "written again into the table they are read from");
        }
        return new ReplaySettings(from, to, cfg.get(MARGIN), list(cfg.get(DEVICES)), list(cfg.get(DEVICE_GROUPS)),
                runId, output, defaultOutput);
    }

    /** Kinesis and Kafka are read by arrival time from here ... */
    public Instant readFrom() {
        return from.minus(margin);
    }

    /** ... to here. */
    public Instant readTo() {
        return to.plus(margin);
    }

    private static Instant instant(FleetConfig cfg, String key, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(key + " is required for replay: an ISO-8601 instant such as "
                    + "2025-11-20T00:00:00Z (the window is [replay.from, replay.to) in event time)");
        }
        Instant t = Instants.parse(value);
        if (t == null) {
            throw new ConfigException("invalid value '" + value + "' for option '" + key
                    + "': expected an ISO-8601 instant such as 2025-11-20T00:00:00Z");
        }
        return t;
    }

    /** Six base-36 characters of the start time: runs started a millisecond apart get different ids. */
    static String shortId(Instant now) {
        String s = Long.toString(Math.floorMod(now.toEpochMilli(), 2_176_782_336L), 36);
        return "000000".substring(s.length()) + s;
    }

    private static Set<String> list(String text) {
        TreeSet<String> s = new TreeSet<>();
        Arrays.stream(text.split(",")).map(String::trim).filter(v -> !v.isEmpty()).forEach(s::add);
        return Collections.unmodifiableSet(s);
    }

    private static String trimSlash(String path) {
        String p = path.trim();
        while (p.endsWith("/") && !p.endsWith("://")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
