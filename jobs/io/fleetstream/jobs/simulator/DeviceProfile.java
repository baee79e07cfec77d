package io.fleetstream.jobs.simulator;

/** The fixed traits of one device, all drawn from (seed, device index) once. */
final class DeviceProfile {

    /** Regions make the second half of a device group, e.g. reefers-west. */
    static final String[] REGIONS = {"north", "south", "east", "west"};

    private static final double[] SETPOINTS = {2.0, 3.0, 4.0, 5.0};

    final SimulatorSpec spec;
    final int index;
    final DeviceKind kind;
    final int region;
    final boolean gateway;
    final boolean iso;
    /** Event time of round 0 before jitter: devices are spread over the first half interval, not all on the tick. */
    final long base;
    final long jitter;
    final long seqBase;
    final double setpoint;
    final double cycleMinutes;
    final double cyclePhase;
    final long dayShift;
    final double fuelStart;
    final double scale;
    final Fault fault;

    DeviceProfile(SimulatorSpec spec, int index) {
        this.spec = spec;
        this.index = index;
        // Index-based, not random, so ids and kinds are predictable: half reefers, a quarter HVAC, a quarter pumps.
        int slot = index % 4;
        this.kind = slot < 2 ? DeviceKind.REEFER : slot == 2 ? DeviceKind.HVAC : DeviceKind.PUMP;
        long seed = spec.seed();
        long h = Hash.of(seed, Hash.SALT_DEVICE, index, 0);
        this.region = Hash.below(Hash.derive(h, 0), REGIONS.length);
        this.gateway = Hash.unit(Hash.derive(h, 1)) < spec.bundleFraction();
        this.iso = Hash.unit(Hash.derive(h, 2)) < spec.isoTimestampFraction();
        long interval = spec.interval();
        this.base = spec.start() + Long.remainderUnsigned(Hash.derive(h, 3), Math.max(1, interval / 2));
        this.jitter = interval / 10;
        this.seqBase = Long.remainderUnsigned(Hash.derive(h, 4), 100_000);
        this.setpoint = SETPOINTS[Hash.below(Hash.derive(h, 5), SETPOINTS.length)];
        this.cycleMinutes = 18 + 12 * Hash.unit(Hash.derive(h, 6));
        this.cyclePhase = 2 * Math.PI * Hash.unit(Hash.derive(h, 7));
        this.dayShift = Long.remainderUnsigned(Hash.derive(h, 8), SignalModel.DAY);
        this.fuelStart = 40 + 55 * Hash.unit(Hash.derive(h, 9));
        this.scale = 0.8 + 0.4 * Hash.unit(Hash.derive(h, 10));
        this.fault = FaultPlan.plan(this);
    }

    long roundHash(long round) {
        return Hash.of(spec.seed(), Hash.SALT_ROUND, index, round);
    }

    /** Strictly increasing in round: jitter stays below a tenth of the interval. */
    long timestamp(long round, long roundHash) {
        long t = base + round * spec.interval();
        return jitter == 0 ? t : t + Long.remainderUnsigned(roundHash, jitter);
    }

    long timestamp(long round) {
        return timestamp(round, roundHash(round));
    }

    long seq(long round) {
        return seqBase + round;
    }

    /** The first round whose reading is at or after {@code t} (may be {@code rounds()} or more). */
    long firstRoundAtOrAfter(long t) {
        long r = Math.max(0, Math.floorDiv(t - base - jitter, spec.interval()));
        while (timestamp(r) < t) {
            r++;
        }
        return r;
    }

    boolean silentAt(long ts) {
        return fault != null && fault.silences(ts);
    }

    String deviceId() {
        AsciiBuffer b = new AsciiBuffer();
        JsonPayloads.appendDeviceId(b, this);
        return b.toString();
    }

    String deviceGroup() {
        return kind.groups[region];
    }
}
