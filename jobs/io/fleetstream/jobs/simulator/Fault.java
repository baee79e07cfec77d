package io.fleetstream.jobs.simulator;

/** One planned fault of one device and how it bends that device's signal. Immutable. */
final class Fault {

    static final double DRIFT_PER_MIN = 0.2;
    static final double DRIFT_CAP = 10;
    static final double COOL_DOWN_PER_MIN = 1.0;
    static final double DOOR_WARMING_PER_MIN = 0.05;
    static final double DOOR_RECOVERY_PER_MIN = 0.5;
    static final double VIBRATION_RISE_PER_MIN = 3.0;
    static final double VIBRATION_EXCESS = 6.0;
    static final double BEARING_HEATING_PER_MIN = 0.5;

    final FaultType type;
    /** Index into the kind's metrics of the metric the fault is about; -1 for {@link FaultType#DEVICE_SILENT}. */
    final int metric;
    /** A second metric the fault drags along (reefer temp_c for a door, pump temperature_c for a bearing); or -1. */
    final int secondary;
    final long start;
    /** When the cause goes away (repair, door closed); the signal then recovers until {@link #end}. */
    final long release;
    final long end;
    final double stuckValue;
    final long[] spikeRounds;
    final double spikeDelta;

    Fault(FaultType type, int metric, int secondary, long start, long release, long end, double stuckValue,
            long[] spikeRounds, double spikeDelta) {
        this.type = type;
        this.metric = metric;
        this.secondary = secondary;
        this.start = start;
        this.release = release;
        this.end = end;
        this.stuckValue = stuckValue;
        this.spikeRounds = spikeRounds;
        this.spikeDelta = spikeDelta;
    }

    boolean silences(long ts) {
        return type == FaultType.DEVICE_SILENT && ts >= start && ts < end;
    }

    void apply(double[] v, long round, long ts) {
        if (type == FaultType.SPIKE) {
            for (long r : spikeRounds) {
                if (r == round) {
                    v[metric] += spikeDelta;
                }
            }
            return;
        }
        if (ts < start || ts >= end) {
            return;
        }
        switch (type) {
            case COMPRESSOR_FAILURE:
                v[metric] += ramp(ts, DRIFT_PER_MIN, DRIFT_CAP, COOL_DOWN_PER_MIN);
                break;
            case DOOR_LEFT_OPEN:
                if (ts < release) {
                    v[metric] = 1;
                }
                v[secondary] += ramp(ts, DOOR_WARMING_PER_MIN, Double.MAX_VALUE, DOOR_RECOVERY_PER_MIN);
                break;
            case STUCK_SENSOR:
                v[metric] = stuckValue;
                break;
            case BEARING_WEAR:
                v[metric] += ramp(ts, VIBRATION_RISE_PER_MIN, VIBRATION_EXCESS, VIBRATION_RISE_PER_MIN);
                v[secondary] += ramp(ts, BEARING_HEATING_PER_MIN, Double.MAX_VALUE, COOL_DOWN_PER_MIN);
                break;
            default:
                // DEVICE_SILENT removes readings instead of changing them.
                break;
        }
    }

    /** Rises from start at {@code rise}/min up to {@code cap}; after release falls at {@code fall}/min to zero. */
    private double ramp(long ts, double rise, double cap, double fall) {
        if (ts < release) {
            return Math.min(rise * minutes(ts - start), cap);
        }
        double peak = Math.min(rise * minutes(release - start), cap);
        return Math.max(peak - fall * minutes(ts - release), 0);
    }

    private static double minutes(long millis) {
        return millis / 60_000.0;
    }
}
