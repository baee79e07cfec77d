package io.fleetstream.jobs.simulator;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A device fleet as a pure function: {@link #payloads(long, int, Consumer)} gives the payloads delivered by one device
 * in one round, computed from (spec, round, device) alone. Any subtask, in any order, on any re-run, gets the same
 * bytes, so a parallel source needs no state and no coordination beyond splitting (round, device) pairs.
 *
 * <p>Delivery follows the input contract: single readings, or for gateway devices one edge bundle every
 * {@code bundleSize} rounds (sent in the bundle's last round; a shorter one in the final round); a payload may arrive
 * 1–3 rounds late, be delivered twice (same bytes, 0–2 rounds after the first), or be malformed. Nothing is delivered
 * after the last round: what would fall later is delivered in the last round.
 *
 * <p>Thread-safe; serializable (only the spec travels, the rest is rebuilt).
 */
public final class FleetSimulator implements Serializable {

    private static final long serialVersionUID = 1L;

    static final int MAX_DELAY = 3;
    static final int MAX_DUPLICATE_LAG = 2;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private final SimulatorSpec spec;
    private final transient DeviceProfile[] profiles;
    private final transient long lastRound;
    private final transient GroundTruth groundTruth;

    public FleetSimulator(SimulatorSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.lastRound = spec.rounds() - 1;
        this.profiles = new DeviceProfile[spec.devices()];
        List<InjectedFault> faults = new ArrayList<>();
        for (int d = 0; d < profiles.length; d++) {
            DeviceProfile p = new DeviceProfile(spec, d);
            profiles[d] = p;
            if (p.fault != null) {
                Fault f = p.fault;
                String metric = f.metric < 0 ? "" : p.kind.metricArray[f.metric].name();
                faults.add(new InjectedFault(p.deviceId(), p.deviceGroup(), p.kind, f.type, metric, f.start, f.end));
            }
        }
        this.groundTruth = new GroundTruth(faults);
    }

    private Object readResolve() {
        return new FleetSimulator(spec);
    }

    public SimulatorSpec spec() {
        return spec;
    }

    public long rounds() {
        return spec.rounds();
    }

    public int devices() {
        return spec.devices();
    }

    public String deviceId(int device) {
        return profile(device).deviceId();
    }

    public String deviceGroup(int device) {
        return profile(device).deviceGroup();
    }

    public DeviceKind kind(int device) {
        return profile(device).kind;
    }

    /** True for an edge gateway, which sends bundles instead of single readings. */
    public boolean sendsBundles(int device) {
        return profile(device).gateway;
    }

    /** True when the device writes timestamps as ISO-8601 strings. */
    public boolean sendsIsoTimestamps(int device) {
        return profile(device).iso;
    }

    /** Event time of the reading {@code device} takes in {@code round} (whether or not a fault silences it). */
    public long timestamp(long round, int device) {
        return profile(device).timestamp(checkRound(round));
    }

    /**
     * The most rounds between a reading's round and a delivery of it (bundling, lateness and duplication together):
     * for sizing watermarks, dedup TTLs and allowed lateness.
     */
    public long maxDeliveryLagRounds() {
        return (spec.bundleFraction() > 0 ? spec.bundleSize() - 1 : 0) + MAX_DELAY + MAX_DUPLICATE_LAG;
    }

    public GroundTruth groundTruth() {
        return groundTruth;
    }

    /** The UTF-8 JSON payloads {@code device} delivers in {@code round}, in delivery order. */
    public void payloads(long round, int device, Consumer<byte[]> out) {
        checkRound(round);
        DeviceProfile p = profile(device);
        Workspace w = WORKSPACE.get();
        long lowest = Math.max(0, round - MAX_DELAY - MAX_DUPLICATE_LAG);
        // Newest first: the reading of this round, then what arrives late.
        for (long origin = round; origin >= lowest; origin--) {
            if (p.gateway && !isBundleEnd(origin)) {
                continue;
            }
            long dh = deliveryHash(device, origin);
            long first = firstDelivery(origin, dh);
            long again = secondDelivery(first, dh);
            int copies = (first == round ? 1 : 0) + (again == round ? 1 : 0);
            if (copies == 0) {
                continue;
            }
            byte[] payload = p.gateway ? bundle(p, origin, dh, w) : single(p, origin, dh, w);
            if (payload == null) {
                continue;
            }
            out.accept(payload);
            if (copies == 2) {
                out.accept(payload.clone());
            }
        }
    }

    public List<byte[]> payloads(long round, int device) {
        List<byte[]> list = new ArrayList<>(2);
        payloads(round, device, list::add);
        return list;
    }

    /** All devices' payloads of one round, device by device. */
    public void payloads(long round, Consumer<byte[]> out) {
        for (int d = 0; d < profiles.length; d++) {
            payloads(round, d, out);
        }
    }

    /** Every reading {@code device} takes over the whole run, in round order, with how it is delivered. */
    public void forEachReading(int device, Consumer<SimulatedReading> out) {
        DeviceProfile p = profile(device);
        String id = p.deviceId();
        String group = p.deviceGroup();
        Metric[] metrics = p.kind.metricArray;
        double[] values = new double[metrics.length];
        for (long r = 0; r <= lastRound; r++) {
            long rh = p.roundHash(r);
            long ts = p.timestamp(r, rh);
            if (p.silentAt(ts)) {
                continue;
            }
            SignalModel.reading(p, r, ts, rh, values);
            Map<String, Double> map = new LinkedHashMap<>();
            for (int i = 0; i < metrics.length; i++) {
                map.put(metrics[i].name(), values[i]);
            }
            long origin = originOf(p, r);
            long dh = deliveryHash(device, origin);
            long first = firstDelivery(origin, dh);
            out.accept(new SimulatedReading(device, id, group, p.kind, r, ts, p.seq(r), Collections.unmodifiableMap(map),
                    malformation(p.gateway, dh), p.gateway, first, secondDelivery(first, dh)));
        }
    }

    /** Every reading of the run, device by device. */
    public void forEachReading(Consumer<SimulatedReading> out) {
        for (int d = 0; d < profiles.length; d++) {
            forEachReading(d, out);
        }
    }

    /** Distinct readings whose payload is well-formed: what a correct pipeline keeps after dedup. */
    public long expectedValidReadings() {
        long count = 0;
        for (int d = 0; d < profiles.length; d++) {
            DeviceProfile p = profiles[d];
            for (long r = 0; r <= lastRound; r++) {
                if (!p.silentAt(p.timestamp(r)) && malformation(p.gateway, deliveryHash(d, originOf(p, r))) == null) {
                    count++;
                }
            }
        }
        return count;
    }

    private byte[] single(DeviceProfile p, long round, long dh, Workspace w) {
        long rh = p.roundHash(round);
        long ts = p.timestamp(round, rh);
        if (p.silentAt(ts)) {
            return null;
        }
        SignalModel.reading(p, round, ts, rh, w.values);
        JsonPayloads.single(w.buffer, p, ts, p.seq(round), w.values, malformation(false, dh), Hash.derive(dh, 6));
        return w.buffer.toBytes();
    }

    private byte[] bundle(DeviceProfile p, long end, long dh, Workspace w) {
        Malformation m = malformation(true, dh);
        JsonPayloads.openBundle(w.buffer, p, m);
        boolean empty = true;
        for (long r = end - end % spec.bundleSize(); r <= end; r++) {
            long rh = p.roundHash(r);
            long ts = p.timestamp(r, rh);
            if (p.silentAt(ts)) {
                continue;
            }
            SignalModel.reading(p, r, ts, rh, w.values);
            JsonPayloads.bundleReading(w.buffer, p, ts, p.seq(r), w.values, empty);
            empty = false;
        }
        if (empty) {
            return null;
        }
        JsonPayloads.closeBundle(w.buffer, m, Hash.derive(dh, 6));
        return w.buffer.toBytes();
    }

    private boolean isBundleEnd(long round) {
        return round % spec.bundleSize() == spec.bundleSize() - 1 || round == lastRound;
    }

    /** The round whose payload carries the reading of {@code round}: itself, or the end of its bundle. */
    private long originOf(DeviceProfile p, long round) {
        if (!p.gateway) {
            return round;
        }
        return Math.min(round - round % spec.bundleSize() + spec.bundleSize() - 1, lastRound);
    }

    private long deliveryHash(int device, long origin) {
        return Hash.of(spec.seed(), Hash.SALT_DELIVERY, device, origin);
    }

    private long firstDelivery(long origin, long dh) {
        boolean late = Hash.unit(Hash.derive(dh, 0)) < spec.outOfOrderRate();
        long delay = late ? 1 + Hash.below(Hash.derive(dh, 1), MAX_DELAY) : 0;
        return Math.min(origin + delay, lastRound);
    }

    private long secondDelivery(long first, long dh) {
        if (!(Hash.unit(Hash.derive(dh, 2)) < spec.duplicateRate())) {
            return -1;
        }
        return Math.min(first + Hash.below(Hash.derive(dh, 3), MAX_DUPLICATE_LAG + 1), lastRound);
    }

    private Malformation malformation(boolean bundle, long dh) {
        if (!(Hash.unit(Hash.derive(dh, 4)) < spec.malformedRate())) {
            return null;
        }
        Malformation[] kinds = bundle ? Malformation.FOR_BUNDLE : Malformation.FOR_SINGLE;
        return kinds[Hash.below(Hash.derive(dh, 5), kinds.length)];
    }

    private DeviceProfile profile(int device) {
        if (device < 0 || device >= profiles.length) {
            throw new IllegalArgumentException("device must be in [0, " + (profiles.length - 1) + "], was " + device);
        }
        return profiles[device];
    }

    private long checkRound(long round) {
        if (round < 0 || round > lastRound) {
            throw new IllegalArgumentException("round must be in [0, " + lastRound + "], was " + round);
        }
        return round;
    }

    /** Per-thread scratch space, so generating a payload allocates nothing but the payload. */
    private static final class Workspace {
        final AsciiBuffer buffer = new AsciiBuffer();
        final double[] values = new double[8];
    }
}
