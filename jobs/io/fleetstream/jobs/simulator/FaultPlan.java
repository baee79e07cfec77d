package io.fleetstream.jobs.simulator;

/**
 * Draws at most one fault per device from (seed, device). A fault, its recovery included, lies wholly inside the
 * simulated span with {@link #LEAD} of normal signal before it and {@link #TAIL} after, so rules see a clean onset
 * and a clear. A fault type that cannot fit the span is never chosen; a device with none that fits stays fault-free.
 */
final class FaultPlan {

    static final long MINUTE = 60_000L;
    static final long LEAD = 10 * MINUTE;
    static final long TAIL = 10 * MINUTE;
    /** Faults go into the first 24 hours, so an effectively unbounded run still shows them. */
    static final long HORIZON = 24 * 60 * MINUTE;

    private FaultPlan() {
    }

    static Fault plan(DeviceProfile p) {
        SimulatorSpec spec = p.spec;
        long h = Hash.of(spec.seed(), Hash.SALT_FAULT, p.index, 0);
        if (Hash.unit(h) >= spec.faultRate()) {
            return null;
        }
        long from = spec.start() + LEAD;
        long available = Math.min(spec.rounds() * spec.interval(), HORIZON) - LEAD - TAIL;
        FaultType[] fitting = new FaultType[FaultType.values().length];
        int n = 0;
        for (FaultType t : p.kind.faultTypes()) {
            long shortest = total(t, (long) minMinutes(t) * MINUTE);
            if (shortest <= available && shortest >= 3 * spec.interval()) {
                fitting[n++] = t;
            }
        }
        if (n == 0) {
            return null;
        }
        FaultType type = fitting[Hash.below(Hash.derive(h, 1), n)];
        double longest = Math.min(maxMinutes(type), longestFitting(type, available / (double) MINUTE));
        double minutes = minMinutes(type) + Hash.unit(Hash.derive(h, 2)) * (longest - minMinutes(type));
        long duration = (long) (minutes * 60) * 1000;
        long total = total(type, duration);
        long start = from + (long) (Hash.unit(Hash.derive(h, 3)) * (available - total) / 1000) * 1000;
        DeviceKind kind = p.kind;
        switch (type) {
            case COMPRESSOR_FAILURE: {
                long release = start + 50 * MINUTE + duration;
                return new Fault(type, kind.metricIndex("temp_c"), -1, start, release, start + total, 0, null, 0);
            }
            case DOOR_LEFT_OPEN:
                return new Fault(type, kind.metricIndex("door_open"), kind.metricIndex("temp_c"), start,
                        start + duration, start + total, 0, null, 0);
            case BEARING_WEAR:
                return new Fault(type, kind.metricIndex("vibration_mm_s"), kind.metricIndex("temperature_c"), start,
                        start + duration, start + total, 0, null, 0);
            case DEVICE_SILENT:
                return new Fault(type, -1, -1, start, start + total, start + total, 0, null, 0);
            case STUCK_SENSOR:
                return stuck(p, h, start, start + total);
            case SPIKE:
                return spikes(p, h, start, start + total);
            default:
                throw new AssertionError(type);
        }
    }

    private static double minMinutes(FaultType t) {
        switch (t) {
            case COMPRESSOR_FAILURE: return 10; // hold at setpoint + 10, after the 50 min drift
            case DOOR_LEFT_OPEN: return 20;
            case DEVICE_SILENT: return 15;
            case STUCK_SENSOR: return 20;
            case SPIKE: return 10;
            case BEARING_WEAR: return 15;
            default: throw new AssertionError(t);
        }
    }

    private static double maxMinutes(FaultType t) {
        switch (t) {
            case COMPRESSOR_FAILURE: return 30;
            case DOOR_LEFT_OPEN: return 40;
            case DEVICE_SILENT: return 30;
            case STUCK_SENSOR: return 60;
            case SPIKE: return 30;
            case BEARING_WEAR: return 30;
            default: throw new AssertionError(t);
        }
    }

    /** Start to end of every effect, given the duration of the cause. */
    private static long total(FaultType t, long duration) {
        switch (t) {
            case COMPRESSOR_FAILURE: return 50 * MINUTE + duration + 10 * MINUTE; // drift, hold, cool down
            case DOOR_LEFT_OPEN: return duration + duration / 10; // 0.05 °C/min up, 0.5 °C/min down
            case BEARING_WEAR: return duration + duration / 2; // 0.5 °C/min up, 1 °C/min down
            default: return duration;
        }
    }

    /** Inverse of {@link #total} in minutes. */
    private static double longestFitting(FaultType t, double availableMinutes) {
        switch (t) {
            case COMPRESSOR_FAILURE: return availableMinutes - 60;
            case DOOR_LEFT_OPEN: return availableMinutes / 1.1;
            case BEARING_WEAR: return availableMinutes / 1.5;
            default: return availableMinutes;
        }
    }

    private static Fault stuck(DeviceProfile p, long h, long start, long end) {
        int metric = pick(p.kind, Hash.derive(h, 4), false);
        long round = p.firstRoundAtOrAfter(start);
        long ts = p.timestamp(round);
        if (round >= p.spec.rounds() || ts >= end) {
            return null;
        }
        // The value the sensor froze at is the one it read when it froze.
        double[] values = new double[p.kind.metricArray.length];
        SignalModel.normal(p, ts, p.roundHash(round), values);
        return new Fault(FaultType.STUCK_SENSOR, metric, -1, start, end, end, SignalModel.roundCents(values[metric]),
                null, 0);
    }

    private static Fault spikes(DeviceProfile p, long h, long start, long end) {
        int metric = pick(p.kind, Hash.derive(h, 4), true);
        long first = p.firstRoundAtOrAfter(start);
        long last = Math.min(p.firstRoundAtOrAfter(end), p.spec.rounds());
        long len = last - first;
        int count = (int) Math.min(3 + Hash.below(Hash.derive(h, 5), 3), len);
        if (count <= 0) {
            return null;
        }
        // One spike in each of `count` equal slots, never in a slot's last round: spread out, and no two spikes
        // are neighbours, so each one is a single odd reading.
        long[] rounds = new long[count];
        for (int k = 0; k < count; k++) {
            long slotStart = first + k * len / count;
            long slotEnd = first + (k + 1) * len / count;
            long choices = Math.max(1, slotEnd - slotStart - 1);
            rounds[k] = slotStart + Long.remainderUnsigned(Hash.derive(h, 10 + k), choices);
        }
        long spikeStart = p.timestamp(rounds[0]);
        long spikeEnd = p.timestamp(rounds[count - 1]) + 1;
        return new Fault(FaultType.SPIKE, metric, -1, spikeStart, spikeEnd, spikeEnd, 0, rounds,
                p.kind.metricArray[metric].spikeDelta());
    }

    private static int pick(DeviceKind kind, long h, boolean spike) {
        Metric[] metrics = kind.metricArray;
        int eligible = 0;
        for (Metric m : metrics) {
            if (spike ? m.spikeable() : m.stuckable()) {
                eligible++;
            }
        }
        int choice = Hash.below(h, eligible);
        for (int i = 0; i < metrics.length; i++) {
            if ((spike ? metrics[i].spikeable() : metrics[i].stuckable()) && choice-- == 0) {
                return i;
            }
        }
        throw new AssertionError(kind);
    }
}
