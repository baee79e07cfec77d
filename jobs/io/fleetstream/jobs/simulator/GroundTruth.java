package io.fleetstream.jobs.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Every fault the simulator injected, the reference an alarm or anomaly test scores against. */
public final class GroundTruth {

    static final String HEADER = "device_id,device_group,kind,fault,metric,start,end";

    private final List<InjectedFault> faults;

    public GroundTruth(List<InjectedFault> faults) {
        this.faults = Collections.unmodifiableList(new ArrayList<>(faults));
    }

    /** In device order. */
    public List<InjectedFault> faults() {
        return faults;
    }

    public int size() {
        return faults.size();
    }

    public Optional<InjectedFault> forDevice(String deviceId) {
        for (InjectedFault f : faults) {
            if (f.deviceId().equals(deviceId)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** CSV with header {@value #HEADER}; kind and fault are enum names, times ISO-8601 UTC. */
    public void writeCsv(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            for (InjectedFault f : faults) {
                w.write(f.deviceId() + ',' + f.deviceGroup() + ',' + f.kind() + ',' + f.fault() + ',' + f.metric()
                        + ',' + Instant.ofEpochMilli(f.start()) + ',' + Instant.ofEpochMilli(f.end()));
                w.write('\n');
            }
        }
    }

    /** Reads what {@link #writeCsv} wrote. */
    public static GroundTruth readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(file + ": not a ground-truth file, expected header " + HEADER);
        }
        List<InjectedFault> faults = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 7) {
                throw new IOException(file + ":" + (i + 1) + ": expected 7 fields, got " + f.length);
            }
            try {
                faults.add(new InjectedFault(f[0], f[1], DeviceKind.valueOf(f[2]), FaultType.valueOf(f[3]), f[4],
                        Instant.parse(f[5]).toEpochMilli(), Instant.parse(f[6]).toEpochMilli()));
            } catch (RuntimeException e) {
                throw new IOException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new GroundTruth(faults);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroundTruth && faults.equals(((GroundTruth) o).faults);
    }

    @Override
    public int hashCode() {
        return faults.hashCode();
    }

    @Override
    public String toString() {
        return "GroundTruth" + faults;
    }
}
