package io.fleetstream.replay.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Axis ticks and labels: round numbers for values, round UTC times for the time axis. */
final class Scales {
    private Scales() {}

    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAYS = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);
    static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** A round step (1, 2, 2.5 or 5 times a power of ten) giving about {@code ticks} intervals over the range. */
    static double niceStep(double range, int ticks) {
        double raw = range / ticks;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * power >= raw) {
                return m * power;
            }
        }
        return 10 * power;
    }

    static List<Double> valueTicks(double lo, double hi, double step) {
        List<Double> ticks = new ArrayList<>();
        for (double v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
            ticks.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return ticks;
    }

    static String number(double v, double step) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        if (step * Math.pow(10, decimals) % 1 != 0) {
            decimals++;
        }
        return String.format(Locale.ROOT, "%." + Math.min(decimals, 6) + "f", v);
    }

    /** Round UTC times between from and to, at most about eight. */
    static List<Long> timeTicks(long from, long to) {
        long[] minutes = {1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080};
        long step = minutes[minutes.length - 1] * 60_000L;
        for (long m : minutes) {
            if ((to - from) / (m * 60_000L) <= 8) {
                step = m * 60_000L;
                break;
            }
        }
        List<Long> ticks = new ArrayList<>();
        for (long t = Math.floorDiv(from + step - 1, step) * step; t <= to; t += step) {
            ticks.add(t);
        }
        return ticks;
    }

    static String timeLabel(long t, long from, long to) {
        return (to - from > 86_400_000L ? DAYS : HOURS).format(Instant.ofEpochMilli(t));
    }

    static String time(long t) {
        return FULL.format(Instant.ofEpochMilli(t));
    }
}
