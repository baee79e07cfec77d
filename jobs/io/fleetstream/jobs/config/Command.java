package io.fleetstream.jobs.config;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The commands a configuration is checked for: a rule between options may hold for some of them only. */
public enum Command {
    TELEMETRY, REPLAY, SIMULATE, DEMO, BENCH;

    /** The commands that run the telemetry pipeline on a source: every one but simulate. */
    public static final Set<Command> PIPELINE =
            Collections.unmodifiableSet(EnumSet.of(TELEMETRY, REPLAY, DEMO, BENCH));

    /** The commands that read the live source the way the telemetry job does (a replay reads a window). */
    public static final Set<Command> LIVE_SOURCE = Collections.unmodifiableSet(EnumSet.of(TELEMETRY, DEMO, BENCH));

    /** As typed on the command line. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
