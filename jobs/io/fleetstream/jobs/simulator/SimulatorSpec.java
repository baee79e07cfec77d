package io.fleetstream.jobs.simulator;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * What to simulate: an immutable, serializable value. Build with {@link #builder()}; every field but {@code start} has
 * a default, and {@link Builder#build()} rejects out-of-range values naming the field and the accepted range.
 */
public final class SimulatorSpec implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Last millisecond of year 9999: ISO-8601 timestamps keep four-digit years. */
    static final long MAX_EPOCH_MILLIS = 253_402_300_799_999L;
    static final int MAX_DEVICES = 1_000_000;
    static final long MAX_INTERVAL = 3_600_000L;
    static final int MAX_BUNDLE_SIZE = 1000;

    private final int devices;
    private final long seed;
    private final long start;
    private final long interval;
    private final long rounds;
    private final double bundleFraction;
    private final int bundleSize;
    private final double duplicateRate;
    private final double outOfOrderRate;
    private final double faultRate;
    private final double malformedRate;
    private final double isoTimestampFraction;

    private SimulatorSpec(Builder b) {
        this.devices = b.devices;
        this.seed = b.seed;
        this.start = b.start;
        this.interval = b.interval;
        this.rounds = b.rounds;
        this.bundleFraction = b.bundleFraction;
        this.bundleSize = b.bundleSize;
        this.duplicateRate = b.duplicateRate;
        this.outOfOrderRate = b.outOfOrderRate;
        this.faultRate = b.faultRate;
        this.malformedRate = b.malformedRate;
        this.isoTimestampFraction = b.isoTimestampFraction;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().devices(devices).seed(seed).start(start).interval(interval).rounds(rounds)
                .bundleFraction(bundleFraction).bundleSize(bundleSize).duplicateRate(duplicateRate)
                .outOfOrderRate(outOfOrderRate).faultRate(faultRate).malformedRate(malformedRate)
                .isoTimestampFraction(isoTimestampFraction);
    }

    /** Number of devices in the fleet. */
    public int devices() {
        return devices;
    }

    public long seed() {
        return seed;
    }

    /** Epoch ms where the simulated time begins; each device's first reading falls in [start, start + interval). */
    public long start() {
        return start;
    }

    /** Milliseconds between two readings of one device. */
    public long interval() {
        return interval;
    }

    /** Number of intervals simulated; every device takes one reading per round. */
    public long rounds() {
        return rounds;
    }

    /** Fraction of devices that are edge gateways sending bundles. */
    public double bundleFraction() {
        return bundleFraction;
    }

    /** Readings per bundle: a gateway sends one bundle every bundleSize rounds. */
    public int bundleSize() {
        return bundleSize;
    }

    /** Fraction of payloads delivered twice (same bytes, same or up to 2 rounds later). */
    public double duplicateRate() {
        return duplicateRate;
    }

    /** Fraction of payloads delivered 1–3 rounds late. */
    public double outOfOrderRate() {
        return outOfOrderRate;
    }

    /** Fraction of devices that get one injected fault. */
    public double faultRate() {
        return faultRate;
    }

    /** Fraction of payloads replaced by a malformed one. */
    public double malformedRate() {
        return malformedRate;
    }

    /** Fraction of devices whose timestamps are ISO-8601 strings rather than epoch ms. */
    public double isoTimestampFraction() {
        return isoTimestampFraction;
    }

    /** Event time just after the last possible reading. */
    public long end() {
        return start + rounds * interval;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SimulatorSpec)) {
            return false;
        }
        SimulatorSpec s = (SimulatorSpec) o;
        return devices == s.devices && seed == s.seed && start == s.start && interval == s.interval
                && rounds == s.rounds && bundleFraction == s.bundleFraction && bundleSize == s.bundleSize
                && duplicateRate == s.duplicateRate && outOfOrderRate == s.outOfOrderRate && faultRate == s.faultRate
                && malformedRate == s.malformedRate && isoTimestampFraction == s.isoTimestampFraction;
    }

    @Override
    public int hashCode() {
        return Objects.hash(devices, seed, start, interval, rounds, bundleFraction, bundleSize, duplicateRate,
                outOfOrderRate, faultRate, malformedRate, isoTimestampFraction);
    }

    @Override
    public String toString() {
        return "SimulatorSpec{devices=" + devices + ", seed=" + seed + ", start=" + Instant.ofEpochMilli(start)
                + ", interval=" + interval + ", rounds=" + rounds + ", bundleFraction=" + bundleFraction
                + ", bundleSize=" + bundleSize + ", duplicateRate=" + duplicateRate + ", outOfOrderRate="
                + outOfOrderRate + ", faultRate=" + faultRate + ", malformedRate=" + malformedRate
                + ", isoTimestampFraction=" + isoTimestampFraction + '}';
    }

    /** Mutable builder; defaults: 100 devices, seed 42, 10 s interval, 1080 rounds (3 hours at 10 s). */
    public static final class Builder {
        private int devices = 100;
        private long seed = 42;
        private Long start;
        private long interval = 10_000;
        private long rounds = 1080;
        private double bundleFraction = 0.1;
        private int bundleSize = 6;
        private double duplicateRate = 0.01;
        private double outOfOrderRate = 0.02;
        private double faultRate = 0.1;
        private double malformedRate = 0.001;
        private double isoTimestampFraction = 0.1;

        private Builder() {
        }

        public Builder devices(int devices) {
            this.devices = devices;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder start(long epochMillis) {
            this.start = epochMillis;
            return this;
        }

        public Builder start(Instant start) {
            return start(start.toEpochMilli());
        }

        public Builder interval(long millis) {
            this.interval = millis;
            return this;
        }

        public Builder rounds(long rounds) {
            this.rounds = rounds;
            return this;
        }

        public Builder bundleFraction(double fraction) {
            this.bundleFraction = fraction;
            return this;
        }

        public Builder bundleSize(int size) {
            this.bundleSize = size;
            return this;
        }

        public Builder duplicateRate(double rate) {
            this.duplicateRate = rate;
            return this;
        }

        public Builder outOfOrderRate(double rate) {
            this.outOfOrderRate = rate;
            return this;
        }

        public Builder faultRate(double rate) {
            this.faultRate = rate;
            return this;
        }

        public Builder malformedRate(double rate) {
            this.malformedRate = rate;
            return this;
        }

        public Builder isoTimestampFraction(double fraction) {
            this.isoTimestampFraction = fraction;
            return this;
        }

        /** Sets every disturbance (bundles, duplicates, late delivery, faults, malformed, ISO) to zero. */
        public Builder clean() {
            return bundleFraction(0).duplicateRate(0).outOfOrderRate(0).faultRate(0).malformedRate(0)
                    .isoTimestampFraction(0);
        }

        public SimulatorSpec build() {
            if (start == null) {
                throw new IllegalArgumentException("start is required: epoch milliseconds of the first reading");
            }
            checkRange("devices", devices, 1, MAX_DEVICES);
            checkRange("start", start, 0, MAX_EPOCH_MILLIS);
            checkRange("interval", interval, 1, MAX_INTERVAL);
            long maxRounds = (MAX_EPOCH_MILLIS - start) / interval;
            if (rounds < 1 || rounds > maxRounds) {
                throw new IllegalArgumentException("rounds must be in [1, " + maxRounds + "] (the last reading must"
                        + " fall before year 10000 at this start and interval), was " + rounds);
            }
            checkFraction("bundleFraction", bundleFraction);
            checkRange("bundleSize", bundleSize, 1, MAX_BUNDLE_SIZE);
            checkFraction("duplicateRate", duplicateRate);
            checkFraction("outOfOrderRate", outOfOrderRate);
            checkFraction("faultRate", faultRate);
            checkFraction("malformedRate", malformedRate);
            checkFraction("isoTimestampFraction", isoTimestampFraction);
            return new SimulatorSpec(this);
        }

        private static void checkRange(String field, long value, long min, long max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(
                        field + " must be in [" + min + ", " + max + "], was " + value);
            }
        }

        private static void checkFraction(String field, double value) {
            if (!(value >= 0.0 && value <= 1.0)) {
                throw new IllegalArgumentException(field + " must be in [0.0, 1.0], was " + value);
            }
        }
    }
}
