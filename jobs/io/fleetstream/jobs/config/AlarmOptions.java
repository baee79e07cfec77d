package io.fleetstream.jobs.config;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Alarm rules evaluated per device (the replacement for AWS IoT Events' alarm models). */
public final class AlarmOptions {
    private AlarmOptions() {}

    private static final Specs S = new Specs("Alarms");

    public static final ConfigOption<Boolean> ENABLED = S.bool(ConfigOptions.key("alarms.enabled")
            .booleanType().defaultValue(true)
            .withDescription("Evaluate the alarm rules and write alarm lifecycle events (RAISED, ESCALATED, "
                    + "DEESCALATED, CLEARED) to the alarms table and the devices' current state."));

    public static final ConfigOption<String> RULES_PATH = S.text(ConfigOptions.key("rules.path")
            .stringType().defaultValue("")
            .withDescription("Alarm rules file (YAML or JSON; see README, Alarm rules). Empty: the built-in rules "
                    + "for the simulator's reefers, HVAC units and pumps."));

    public static final ConfigOption<Duration> STATE_TTL = S.positive(ConfigOptions.key("alarms.device-ttl")
            .durationType().defaultValue(Duration.ofDays(7))
            .withDescription("A device silent this long (event time) has its alarm state dropped; an alarm still "
                    + "active then is cleared with a message saying so."));

    static final List<OptionSpec<?>> SPECS = S.list();
}
