package io.fleetstream.operators.anomaly;

import io.fleetstream.anomaly.Result;
import io.fleetstream.model.AnomalyEvent;
import io.fleetstream.model.Reading;
import io.fleetstream.operators.time.EventTimeOperator;
import io.fleetstream.operators.internal.CachedValueState;
import io.fleetstream.operators.internal.KeyedBuffer;
import io.fleetstream.operators.internal.StateCache;
import io.fleetstream.operators.time.WatermarkFloor;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Scores each device's readings with the device's own random cut forest (keyed by device), or with its device
 * group's (keyed by group), and emits an {@link AnomalyEvent} when the grade is above zero.
 *
 * <p><b>Why an operator with a cache, not a process function.</b> With RocksDB a keyed {@code ValueState} decodes
 * the model on every read and encodes it on every write: about 1 ms each for a mature forest, 1,000 times the cost
 * of scoring a point. So decoded models stay on the heap in a {@link StateCache} bounded by bytes ({@link DeviceModel#cacheWeight}), and keyed state
 * is written only when a model leaves the cache and before each checkpoint barrier ({@link
 * #prepareSnapshotPreBarrier}), the way Flink SQL's mini-batch operators keep a bundle: a checkpoint then holds
 * exactly the models whose scores went out before its barrier, so a restore gives the scores an uninterrupted run
 * gives. With the heap backend, state already holds objects, so there is nothing to cache and none is kept.
 *
 * <p><b>Event-time order.</b> A forest is a sequence model, so readings are fed in event-time order: each waits in
 * a heap buffer until the watermark passes it (readings of one instant in arrival order), and the buffer goes to
 * keyed state before each barrier too. No timer per reading: the watermark drains the buffer. A reading that
 * arrives behind the watermark is scored at once if it is newer than what the model has seen, and skipped
 * otherwise. The watermark is read through a {@link WatermarkFloor}, so "behind" means the same after a restore.
 *
 * <p>A device's model carries each metric's last value forward when a reading lacks it; a group's model puts the
 * group's mean in its place instead. A model silent for the TTL (event time) is dropped by a timer, and is never
 * used for a reading more than the TTL after its last one.
 */
public class AnomalyOperator extends EventTimeOperator<AnomalyEvent>
        implements OneInputStreamOperator<Reading, AnomalyEvent>, Triggerable<String, VoidNamespace> {
    private static final long serialVersionUID = 1L;

    /** Models that have seen this many readings per sampled point count as mature (their reservoirs turned over). */
    public static final int MATURE_PER_SAMPLE = 10;
    /** Accumulator: models that reached maturity in this job (bench prints it). */
    public static final String MODELS_MATURED = "anomaly.models-matured";
    /** Accumulator: readings whose model the cache could not hold (decoded and encoded for that reading). */
    public static final String READINGS_UNCACHED = "anomaly.readings-uncached";
    /** Share of the JVM's heap all anomaly subtasks of the JVM together may cache when no budget is given. */
    static final double DEFAULT_HEAP_SHARE = 0.3;

    /** Subtasks of this operator open in this JVM (a TaskManager's slots, a MiniCluster): they share the budget. */
    private static final AtomicInteger OPEN_INSTANCES = new AtomicInteger();

    private final AnomalySettings settings;
    /** Bytes of decoded models this subtask may cache; 0: a share of the heap ({@link #DEFAULT_HEAP_SHARE}). */
    private final long cacheMaxBytes;

    private transient CachedValueState<DeviceModel> models;
    private transient ListState<Reading> pendingState;
    private transient InternalTimerService<VoidNamespace> timers;
    /** Null with a state backend that keeps objects (heap): its state is the cache. */
    private transient StateCache<DeviceModel> cache;
    private transient KeyedBuffer<Reading> pending;
    private transient boolean counted;

    private transient Counter scored;
    private transient Counter anomalies;
    private transient Counter skipped;
    private transient Counter reset;
    private transient Counter compacted;
    private transient Histogram scores;
    private transient LongCounter matured;
    private transient LongCounter uncached;
    private transient long bypassedSeen;

    public AnomalyOperator(AnomalySettings settings, long cacheMaxBytes) {
        super("anomaly-watermark");
        if (cacheMaxBytes < 0) {
            throw new IllegalArgumentException("cache bytes must be >= 0, got " + cacheMaxBytes);
        }
        this.settings = settings;
        this.cacheMaxBytes = cacheMaxBytes;
    }

    @Override
    public void open() throws Exception {
        super.open();
        models = new CachedValueState<>(this,
                getPartitionedState(new ValueStateDescriptor<>("model", DeviceModelSerializer.INSTANCE)),
                this::budget, DeviceModel::cacheWeight);
        cache = models.cache();
        ListStateDescriptor<Reading> pendingDescriptor = new ListStateDescriptor<>("pending", TypeInformation.of(Reading.class));
        pendingState = getPartitionedState(pendingDescriptor);
        timers = getInternalTimerService("anomaly-expiry", VoidNamespaceSerializer.INSTANCE, this);
        pending = new KeyedBuffer<>(r -> r.eventTime, BY_TIME);
        if (cache != null) {
            OPEN_INSTANCES.incrementAndGet();
            counted = true;
        }
        // Readings that waited for the watermark when the checkpoint was taken wait again on the heap.
        pending.restore(getKeyedStateBackend(), pendingDescriptor);

        var metrics = getRuntimeContext().getMetricGroup();
        scored = metrics.counter("readingsScored");
        anomalies = metrics.counter("anomalies");
        skipped = metrics.counter("readingsSkippedOutOfOrder");
        reset = metrics.counter("modelsReset");
        compacted = metrics.counter("modelsCompacted");
        // Distribution of raw scores over the last 1000 readings of this subtask (p50, p99, max in dashboards).
        scores = metrics.histogram("score", new DescriptiveStatisticsHistogram(1000));
        metrics.gauge("cachedModels", () -> cache == null ? 0 : cache.size());
        metrics.gauge("cachedModelBytes", () -> cache == null ? 0L : cache.weight());
        metrics.gauge("cacheMisses", () -> cache == null ? 0L : cache.misses);
        metrics.gauge("cacheEvictions", () -> cache == null ? 0L : cache.evictions);
        metrics.gauge("cacheBypassed", () -> cache == null ? 0L : cache.bypassed);
        metrics.gauge("pendingReadings", () -> pending.size());
        matured = new LongCounter();
        getRuntimeContext().addAccumulator(MODELS_MATURED, matured);
        uncached = new LongCounter();
        getRuntimeContext().addAccumulator(READINGS_UNCACHED, uncached);
    }

    /** Whether the fleet may not fit the cache: it has been full, or is half full. */
    private boolean mayNotFit() {
        return cache.evictions > 0 || cache.bypassed > 0 || cache.weight() > budget() / 2;
    }

    /** Bytes this subtask may cache: the given budget, or its share of the heap's. */
    private long budget() {
        if (cacheMaxBytes > 0) {
            return cacheMaxBytes;
        }
        return (long) (Runtime.getRuntime().maxMemory() * DEFAULT_HEAP_SHARE) / Math.max(1, OPEN_INSTANCES.get());
    }

    @Override
    public void processElement(StreamRecord<Reading> element) throws Exception {
        Reading r = element.getValue();
        String key = (String) getCurrentKey();
        if (r.eventTime > flooredWatermark(timers.currentWatermark())) {
            pending.add(key, r);
            return;
        }
        DeviceModel m = load(key);
        if (m != null && r.eventTime <= m.lastTime) {
            skipped.inc();
            return;
        }
        score(key, r, m);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        scoreDue(mark.getTimestamp());
        super.processWatermark(mark);
    }

    /** Scores every buffered reading at or before {@code upTo}, each device's in event-time order. */
    private void scoreDue(long upTo) throws Exception {
        // readings of one instant keep their arrival order (the sort is stable)
        pending.drain(upTo, (key, due, more) -> {
            setCurrentKey(key);
            DeviceModel m = load(key);
            for (Reading r : due) {
                m = score(key, r, m);
            }
        });
    }

    private static final Comparator<Reading> BY_TIME = Comparator.comparingLong(r -> r.eventTime);

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        String key = timer.getKey();
        DeviceModel m = load(key);
        if (m == null || timer.getTimestamp() != m.expiryTimer) {
            return;
        }
        if (m.lastTime + settings.ttlMillis <= timer.getTimestamp()) {
            models.clear(key);
        } else {
            m.expiryTimer = m.lastTime + settings.ttlMillis;
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, m.expiryTimer);
            models.changed(key, m);
        }
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {}

    private DeviceModel score(String key, Reading r, DeviceModel m) throws Exception {
        if (m != null && m.lastTime != Long.MIN_VALUE && m.lastTime + settings.ttlMillis < r.eventTime) {
            // silent longer than the TTL: the model would have been dropped had its timer fired first
            models.clear(key);
            m = null;
        }
        if (m == null) {
            String[] metrics = settings.metricsFor(r.metrics);
            m = new DeviceModel(metrics, new double[metrics.length], Long.MIN_VALUE,
                    r.eventTime + settings.ttlMillis, settings.newDetector(key, metrics.length),
                    new Normalizer(metrics.length));
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, m.expiryTimer);
        }
        boolean any = false;
        for (int i = 0; i < m.metrics.length; i++) {
            boolean found = false;
            for (int j = 0; j < r.metrics.length; j++) {
                if (r.metrics[j].equals(m.metrics[i])) {
                    m.last[i] = r.values[j];
                    found = true;
                    break;
                }
            }
            if (!found && settings.byGroup) {
                m.last[i] = m.normalizer.mean[i];
            }
            any |= found;
        }
        if (any) {
            double[] scaled = new double[m.last.length];
            m.normalizer.scale(m.last, scaled);
            if (cache != null && !m.detector.isCompact() && mayNotFit()) {
                // models give up most of their boxes (about half the heap for up to twice the time a point): a model
                // that is not cached costs a decode and an encode, a millisecond or more, a reading
                m.detector.compact();
                compacted.inc();
            }
            Result result = m.detector.process(scaled);
            m.lastTime = r.eventTime;
            scored.inc();
            if (m.detector.inputsSeen() == (long) MATURE_PER_SAMPLE * settings.samples) {
                matured.add(1);
            }
            if (result.warm()) {
                scores.update(Math.round(result.score() * 1000));
            }
            if (result.grade() > 0) {
                anomalies.inc();
                output.collect(new StreamRecord<>(event(r, m, result), r.eventTime));
            }
        }
        models.changed(key, m);
        if (cache != null && cache.bypassed != bypassedSeen) {
            uncached.add(cache.bypassed - bypassedSeen);
            bypassedSeen = cache.bypassed;
        }
        return m;
    }

    /**
     * The key's model from the cache or from keyed state (then cached); null when it has none, or when the stored
     * one cannot be read: that one is reset here, at its first use.
     */
    private DeviceModel load(String key) throws Exception {
        String why;
        try {
            DeviceModel m = models.get(key);
            if (m == null || m.unreadable == null) {
                return m;
            }
            why = m.unreadable;
        } catch (Exception e) {
            // the rest of the stored value is damaged (RocksDB: each key's value is read on its own)
            why = e.toString();
        }
        // A model this version cannot read (corrupted: the codec checksums it; or written by a version it does not
        // know) is relearned: one device's scores start again; the job goes on.
        // logged under AbstractStreamOperator: the operators layer uses Flink's logger, not slf4j directly
        LOG.warn("anomaly model of '{}' cannot be read and is reset: {}", key, why);
        reset.inc();
        models.clear(key);
        return null;
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        models.flush();
        pending.flush(pendingState, this::setCurrentKey);
    }

    @Override
    public void close() throws Exception {
        if (counted) {
            OPEN_INSTANCES.decrementAndGet();
            counted = false;
        }
        super.close();
    }

    /** Models compacted by this operator instance, for tests. */
    long compactedForTest() {
        return compacted.getCount();
    }

    /** The cache, for tests of its bounds; null on the heap backend. */
    StateCache<DeviceModel> cacheForTest() {
        return cache;
    }

    private static AnomalyEvent event(Reading r, DeviceModel m, Result result) {
        AnomalyEvent e = new AnomalyEvent();
        e.deviceId = r.deviceId;
        e.deviceGroup = r.deviceGroup;
        e.eventTime = r.eventTime;
        e.score = result.score();
        e.grade = result.grade();
        e.attributionMetrics = m.metrics.clone();
        double[] shares = result.attribution();
        e.attributionShares = shares.length == m.metrics.length ? shares : new double[m.metrics.length];
        return e;
    }
}
