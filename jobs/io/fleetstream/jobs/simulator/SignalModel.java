package io.fleetstream.jobs.simulator;

/**
 * Fault-free signals: a slow daily sinusoid, a faster per-device cycle (compressor, load) and bounded noise, with the
 * cross-metric relations a real device shows (pump pressure falls as flow rises; HVAC fan and power follow load).
 * Every formula stays inside its {@link Metric#normalMin()}..{@link Metric#normalMax()}.
 */
final class SignalModel {

    static final long DAY = 86_400_000L;
    private static final double TWO_PI = 2 * Math.PI;

    private SignalModel() {
    }

    /** Values of the reading taken in {@code round} at {@code ts}, faults applied, rounded to 2 decimals. */
    static void reading(DeviceProfile p, long round, long ts, long roundHash, double[] out) {
        normal(p, ts, roundHash, out);
        if (p.fault != null) {
            p.fault.apply(out, round, ts);
        }
        int n = p.kind.metricArray.length;
        for (int i = 0; i < n; i++) {
            out[i] = roundCents(out[i]);
        }
    }

    static double roundCents(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static void normal(DeviceProfile p, long ts, long roundHash, double[] out) {
        double day = TWO_PI * Math.floorMod(ts + p.dayShift, DAY) / DAY;
        double minutes = (ts - p.spec.start()) / 60_000.0;
        double n0 = Hash.noise(Hash.derive(roundHash, 0));
        double n1 = Hash.noise(Hash.derive(roundHash, 1));
        switch (p.kind) {
            case REEFER: {
                // |temp - setpoint| <= 0.5 + 0.2 + 0.2: well inside a 2 degree deviation rule.
                out[0] = p.setpoint + 0.5 * Math.sin(TWO_PI * minutes / p.cycleMinutes + p.cyclePhase)
                        + 0.2 * Math.sin(day) + 0.1 * n0;
                out[1] = p.setpoint;
                out[2] = 0;
                // Burns 1.2 %/h and is refuelled from 15 % to 95 %: a sawtooth, so long runs stay plausible.
                double level = p.fuelStart - 15 - 1.2 * minutes / 60;
                out[3] = 15 + (level - 80 * Math.floor(level / 80)) + 0.3 * n1;
                return;
            }
            case HVAC: {
                double s = Math.sin(day);
                double load = 0.5 + 0.4 * s;
                out[0] = 12.8 + 0.4 * Math.sin(day + 0.5) + 0.15 * n0;
                out[1] = 22.5 + 1.5 * s + 0.2 * n1;
                out[2] = 900 + 600 * load + 15 * Hash.noise(Hash.derive(roundHash, 2));
                out[3] = p.scale * (3 + 9 * load) + 0.2 * Hash.noise(Hash.derive(roundHash, 3));
                return;
            }
            case PUMP: {
                double flow = 240 + 30 * Math.sin(day + p.cyclePhase) + 3 * n1;
                out[0] = 5.2 - 0.004 * (flow - 240) + 0.05 * n0;
                out[1] = flow;
                out[2] = 1.8 + 0.2 * Math.sin(TWO_PI * minutes / (2 * p.cycleMinutes) + p.cyclePhase)
                        + 0.1 * Hash.noise(Hash.derive(roundHash, 2));
                out[3] = 42 + 3 * Math.sin(day - 1) + 0.2 * Hash.noise(Hash.derive(roundHash, 3));
                return;
            }
            default:
                throw new AssertionError(p.kind);
        }
    }
}
