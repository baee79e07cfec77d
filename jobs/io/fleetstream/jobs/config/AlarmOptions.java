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

    public static final ConfigOption<Integer> CACHE_MAX_DEVICES = S.atLeast(ConfigOptions.key(
            "alarms.cache.max-devices").intType().defaultValue(50_000)
            .withDescription("Devices whose alarm state each alarm subtask keeps decoded on the heap (a few KB "
                    + "each), so a reading does not read and write it in RocksDB; a device's state is written to "
                    + "RocksDB when it leaves the cache and before every checkpoint. 0: none cached. Unused with the "
                    + "heap state backend, whose state already holds objects."), 0);

    /** Where operators' commands on alarms (acknowledge, shelve, reset) come from. */
    public enum ControlType { NONE, KAFKA }

    public static final ConfigOption<ControlType> CONTROL_TYPE = S.oneOf(ConfigOptions.key("alarms.control.type")
            .enumType(ControlType.class).defaultValue(ControlType.NONE)
            .withDescription("Control stream of alarm commands (ACKNOWLEDGE, SHELVE, RESET as JSON; see README, "
                    + "Alarms). none: no commands."), ControlType.class);

    public static final ConfigOption<String> CONTROL_KAFKA_TOPIC = S.text(ConfigOptions.key(
            "alarms.control.kafka.topic").stringType().defaultValue("alarm-control")
            .withDescription("Kafka topic of alarm commands for alarms.control.type kafka."));

    public static final ConfigOption<String> CONTROL_KAFKA_BOOTSTRAP = S.text(ConfigOptions.key(
            "alarms.control.kafka.bootstrap-servers").stringType().defaultValue("")
            .withDescription("Kafka bootstrap servers of the control topic; empty: source.kafka.bootstrap-servers. "
                    + "The client properties source.kafka.properties.* apply to it too."));

    static final List<OptionSpec<?>> SPECS = S.list();

    static final List<CrossRule> RULES = S.rules(
            Rules.oneRequiredWhen(CONTROL_KAFKA_BOOTSTRAP, SourceOptions.KAFKA_BOOTSTRAP,
                    When.is(CONTROL_TYPE, ControlType.KAFKA),
                    "the Kafka bootstrap servers of the control topic (host:port,...)").in(Command.PIPELINE));
}
