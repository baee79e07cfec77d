package io.fleetstream.jobs.config;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** The simulated device fleet (source.type simulator, and the simulate, demo and bench commands). */
public final class SimulatorOptions {
    private SimulatorOptions() {}

    private static final Specs S = new Specs("Simulator");

    public static final ConfigOption<Integer> DEVICES = S.atLeast(ConfigOptions.key("simulator.devices")
            .intType().defaultValue(100).withDescription("Number of simulated devices."), 1);

    public static final ConfigOption<Long> SEED = S.anyLong(ConfigOptions.key("simulator.seed")
            .longType().defaultValue(42L).withDescription("Seed: the same seed and options give the same data."));

    public static final ConfigOption<String> START = S.instant(ConfigOptions.key("simulator.start")
            .stringType().noDefaultValue()
            .withDescription("ISO-8601 instant of the first reading; default: the start of the current minute, "
                    + "minus simulator.duration."));

    public static final ConfigOption<Duration> INTERVAL = S.positive(ConfigOptions.key("simulator.interval")
            .durationType().defaultValue(Duration.ofSeconds(10))
            .withDescription("Event time between two readings of one device."));

    public static final ConfigOption<Duration> DURATION = S.positive(ConfigOptions.key("simulator.duration")
            .durationType().defaultValue(Duration.ofHours(1))
            .withDescription("Event-time span to simulate; the simulator source is bounded by it."));

    public static final ConfigOption<Double> RATE = S.nonNegative(ConfigOptions.key("simulator.rate")
            .doubleType().defaultValue(0.0)
            .withDescription("Device readings per second of wall-clock time, over all devices; 0 is as fast as possible."));

    public static final ConfigOption<Double> BUNDLE_FRACTION = S.fraction(ConfigOptions.key("simulator.bundle-fraction")
            .doubleType().defaultValue(0.1).withDescription("Share of devices that are edge gateways sending bundles."));

    public static final ConfigOption<Double> DUPLICATE_RATE = S.fraction(ConfigOptions.key("simulator.duplicate-rate")
            .doubleType().defaultValue(0.01).withDescription("Share of payloads delivered twice."));

    public static final ConfigOption<Double> OUT_OF_ORDER_RATE = S.fraction(ConfigOptions.key("simulator.out-of-order-rate")
            .doubleType().defaultValue(0.02).withDescription("Share of readings delivered one to three intervals late."));

    public static final ConfigOption<Double> FAULT_RATE = S.fraction(ConfigOptions.key("simulator.fault-rate")
            .doubleType().defaultValue(0.1).withDescription("Share of devices with one injected fault."));

    public static final ConfigOption<Double> MALFORMED_RATE = S.fraction(ConfigOptions.key("simulator.malformed-rate")
            .doubleType().defaultValue(0.001).withDescription("Share of payloads replaced by malformed ones."));

    public static final ConfigOption<String> GROUND_TRUTH = S.text(ConfigOptions.key("simulator.ground-truth")
            .stringType().noDefaultValue()
            .withDescription("Local file to write the injected faults to (CSV), when set."));

    static final List<OptionSpec<?>> SPECS = S.list();
}
