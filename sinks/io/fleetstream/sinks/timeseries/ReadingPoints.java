package io.fleetstream.sinks.timeseries;

import io.fleetstream.model.Reading;
import java.util.Locale;

/**
 * A raw reading as a point of measurement {@code readings}: tags {@code device_id}, {@code device_group}; one float
 * field per metric; time: the event time. A metric is left out when its name would collide with what stores keep
 * for themselves or with this point's tags ({@code time}, {@code timestamp}, {@code device_id},
 * {@code device_group}, names starting with {@code _}), or when it differs only in case from an earlier metric of
 * the reading (QuestDB folds case); a write the store rejects would otherwise stop the job.
 */
public final class ReadingPoints implements PointWriter<Reading> {
    private static final long serialVersionUID = 1L;

    private final String measurement;

    public ReadingPoints() {
        this("readings");
    }

    public ReadingPoints(String measurement) {
        this.measurement = measurement;
    }

    @Override
    public void write(Reading r, Point point) {
        point.measurement(measurement)
                .tag("device_id", r.deviceId)
                .tag("device_group", r.deviceGroup);
        for (int i = 0; i < r.metrics.length; i++) {
            String name = r.metrics[i];
            if (writable(name) && !foldsOntoEarlier(r.metrics, i)) {
                point.field(name, r.values[i]);
            }
        }
        point.timeMillis(r.eventTime);
    }

    static boolean writable(String name) {
        if (name == null || name.isEmpty() || name.startsWith("_")) {
            return false;
        }
        switch (name.toLowerCase(Locale.ROOT)) {
            case "time":
            case "timestamp":
            case "device_id":
            case "device_group":
                return false;
            default:
                return true;
        }
    }

    private static boolean foldsOntoEarlier(String[] names, int i) {
        for (int j = 0; j < i; j++) {
            if (names[j] != null && names[j].equalsIgnoreCase(names[i])) {
                return true;
            }
        }
        return false;
    }
}
