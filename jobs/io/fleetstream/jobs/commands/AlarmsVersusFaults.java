package io.fleetstream.jobs.commands;

import io.fleetstream.jobs.simulator.InjectedFault;
import io.fleetstream.lake.LakeReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The demo's last table: each fault the simulator injected, next to the alarms its device raised during it. */
final class AlarmsVersusFaults {
    private static final int MAX_ROWS = 40;

    private AlarmsVersusFaults() {}

    static void print(PrintStream out, List<InjectedFault> faults, Path lake) throws IOException {
        List<Map<String, Object>> raised = LakeReader.read(lake, "alarms").stream()
                .filter(a -> "RAISED".equals(a.get("state")))
                .sorted(Comparator.comparing(a -> (Long) a.get("event_time")))
                .collect(Collectors.toList());
        out.println();
        out.printf("Alarms raised next to the faults the simulator injected (%d alarms, %d faults):%n", raised.size(),
                faults.size());
        out.printf("  %-12s %-19s %-17s %-7s  %s%n", "device", "fault", "metric", "start", "alarms raised during it");
        int detected = 0;
        int rows = 0;
        List<InjectedFault> sorted = faults.stream().sorted(Comparator.comparingLong(InjectedFault::start))
                .collect(Collectors.toList());
        for (InjectedFault f : sorted) {
            List<String> during = raised.stream()
                    .filter(a -> f.deviceId().equals(a.get("device_id")))
                    .filter(a -> (Long) a.get("event_time") >= f.start() && (Long) a.get("event_time") <= f.end())
                    .map(a -> a.get("rule") + " " + a.get("severity") + " +"
                            + minutes((Long) a.get("event_time") - f.start()))
                    .collect(Collectors.toList());
            if (!during.isEmpty()) {
                detected++;
            }
            if (rows++ < MAX_ROWS) {
                out.printf("  %-12s %-19s %-17s %-7s  %s%n", f.deviceId(), f.fault(), f.metric().isEmpty() ? "-"
                        : f.metric(), clock(f.start()), during.isEmpty() ? "(none)" : String.join(", ", during));
            }
        }
        if (rows > MAX_ROWS) {
            out.printf("  ... and %d more faults%n", rows - MAX_ROWS);
        }
        long unexplained = raised.stream().filter(a -> faults.stream().noneMatch(f ->
                f.deviceId().equals(a.get("device_id")) && (Long) a.get("event_time") >= f.start()
                        && (Long) a.get("event_time") <= f.end())).count();
        out.printf("  %d of %d faults raised an alarm during the fault; %d alarms were raised outside any fault "
                + "(a fault still running at the end of the run may not have raised yet)%n", detected, faults.size(),
                unexplained);
    }

    private static String minutes(long millis) {
        return Duration.ofMillis(millis).toMinutes() + " min";
    }

    private static String clock(long t) {
        return Instant.ofEpochMilli(t).toString().substring(11, 16);
    }
}
