package io.fleetstream.jobs.sources;

import static io.fleetstream.jobs.config.SimulatorOptions.BUNDLE_FRACTION;
import static io.fleetstream.jobs.config.SimulatorOptions.DEVICES;
import static io.fleetstream.jobs.config.SimulatorOptions.DUPLICATE_RATE;
import static io.fleetstream.jobs.config.SimulatorOptions.DURATION;
import static io.fleetstream.jobs.config.SimulatorOptions.FAULT_RATE;
import static io.fleetstream.jobs.config.SimulatorOptions.GROUND_TRUTH;
import static io.fleetstream.jobs.config.SimulatorOptions.INTERVAL;
import static io.fleetstream.jobs.config.SimulatorOptions.MALFORMED_RATE;
import static io.fleetstream.jobs.config.SimulatorOptions.OUT_OF_ORDER_RATE;
import static io.fleetstream.jobs.config.SimulatorOptions.SEED;
import static io.fleetstream.jobs.config.SimulatorOptions.START;

import io.fleetstream.jobs.config.ConfigException;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.Instants;
import io.fleetstream.jobs.simulator.FleetSimulator;
import io.fleetstream.jobs.simulator.SimulatorSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The simulator as the {@code simulator.*} options describe it. */
public final class Simulators {
    private Simulators() {}

    public static FleetSimulator create(FleetConfig cfg) {
        long interval = cfg.get(INTERVAL).toMillis();
        long duration = cfg.get(DURATION).toMillis();
        long rounds = Math.max(1, duration / interval);
        long start;
        if (cfg.isSet(START) && !cfg.get(START).isBlank()) {
            start = Instants.parse(cfg.get(START)).toEpochMilli();
        } else {
            // Ends at the start of the current minute, so the data is recent but never in the future.
            start = Math.floorDiv(System.currentTimeMillis(), 60_000L) * 60_000L - rounds * interval;
        }
        try {
            return new FleetSimulator(SimulatorSpec.builder()
                    .devices(cfg.get(DEVICES))
                    .seed(cfg.get(SEED))
                    .start(start)
                    .interval(interval)
                    .rounds(rounds)
                    .bundleFraction(cfg.get(BUNDLE_FRACTION))
                    .duplicateRate(cfg.get(DUPLICATE_RATE))
                    .outOfOrderRate(cfg.get(OUT_OF_ORDER_RATE))
                    .faultRate(cfg.get(FAULT_RATE))
                    .malformedRate(cfg.get(MALFORMED_RATE))
                    .build());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid simulator options: " + e.getMessage());
        }
    }

    /** Writes the injected faults when {@code simulator.ground-truth} names a file. */
    public static void writeGroundTruth(FleetConfig cfg, FleetSimulator simulator) {
        if (!cfg.isSet(GROUND_TRUTH)) {
            return;
        }
        Path file = Path.of(cfg.get(GROUND_TRUTH));
        try {
            if (file.getParent() != null) {
                java.nio.file.Files.createDirectories(file.getParent());
            }
            simulator.groundTruth().writeCsv(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write simulator.ground-truth " + file, e);
        }
    }
}
