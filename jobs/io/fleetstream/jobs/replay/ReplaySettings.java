package io.fleetstream.jobs.replay;

import static io.fleetstream.jobs.config.ReplayOptions.DEVICES;
import static io.fleetstream.jobs.config.ReplayOptions.DEVICE_GROUPS;
import static io.fleetstream.jobs.config.ReplayOptions.FROM;
import static io.fleetstream.jobs.config.ReplayOptions.MARGIN;
import static io.fleetstream.jobs.config.ReplayOptions.OUTPUT_PATH;
import static io.fleetstream.jobs.config.ReplayOptions.RUN_ID;
import static io.fleetstream.jobs.config.ReplayOptions.TO;

import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.Instants;
import io.fleetstream.jobs.config.ReplayOptions;
import io.fleetstream.jobs.config.RunOptions;
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

    /**
     * The settings of a configuration checked for replay (the window given and in order, an output: rules of
     * ReplayOptions).
     *
     * @param now when the run starts, for the derived run id
     */
    public static ReplaySettings of(FleetConfig cfg, Instant now) {
        Instant from = Instants.parse(cfg.get(FROM));
        Instant to = Instants.parse(cfg.get(TO));
        String runId = cfg.get(RUN_ID).trim();
        if (runId.isEmpty()) {
            runId = "replay-" + COMPACT.format(from) + "-" + COMPACT.format(to) + "-" + shortId(now);
        }
        boolean defaultOutput = !cfg.isSet(OUTPUT_PATH) || cfg.get(OUTPUT_PATH).isBlank();
        String output = defaultOutput
                ? ReplayOptions.folder(cfg.get(RunOptions.LAKE_PATH)) + "/replays/" + runId
                : ReplayOptions.folder(cfg.get(OUTPUT_PATH));
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
}
