package io.fleetstream.operators.anomaly;

import io.fleetstream.model.AnomalyEvent;
import io.fleetstream.model.Reading;
import io.fleetstream.anomaly.Result;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores each device's readings with the device's own random cut forest (keyed by device), or with its device
 * group's (keyed by group), and emits an {@link AnomalyEvent} when the grade is above zero.
 *
 * <p>A forest is a sequence model, so readings are fed in event-time order: each waits in keyed state until the
 * watermark passes it (one timer per event time; readings of one event time are scored in arrival order). A reading
 * that arrives behind the watermark is scored at once if it is newer than what the model has seen, and skipped
 * otherwise. A key silent for the TTL loses its model.
 *
 * <p>A device's model carries each metric's last value forward when a reading lacks it; a group's model puts the
 * group's mean in its place instead, because another device's last value says nothing about this one.
 */
public class AnomalyFunction extends KeyedProcessFunction<String, Reading, AnomalyEvent> {
    private static final long serialVersionUID = 1L;

    private final AnomalySettings settings;

    private transient ValueState<DeviceModel> model;
    private transient MapState<Long, List<Reading>> pending;
    private transient Counter scored;
    private transient Counter anomalies;
    private transient Counter skipped;
    private transient Histogram scores;

    public AnomalyFunction(AnomalySettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        model = getRuntimeContext().getState(new ValueStateDescriptor<>("model", DeviceModelSerializer.INSTANCE));
        pending = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("pending", Types.LONG, Types.LIST(TypeInformation.of(Reading.class))));
        scored = getRuntimeContext().getMetricGroup().counter("readingsScored");
        anomalies = getRuntimeContext().getMetricGroup().counter("anomalies");
        skipped = getRuntimeContext().getMetricGroup().counter("readingsSkippedOutOfOrder");
        // Distribution of raw scores over the last 1000 readings of this subtask (p50, p99, max in dashboards).
        scores = getRuntimeContext().getMetricGroup().histogram("score", new DescriptiveStatisticsHistogram(1000));
    }

    @Override
    public void processElement(Reading r, Context ctx, Collector<AnomalyEvent> out) throws Exception {
        if (r.eventTime > ctx.timerService().currentWatermark()) {
            List<Reading> at = pending.get(r.eventTime);
            if (at == null) {
                at = new ArrayList<>(1);
                ctx.timerService().registerEventTimeTimer(r.eventTime);
            }
            at.add(r);
            pending.put(r.eventTime, at);
            return;
        }
        DeviceModel m = model.value();
        if (m != null && r.eventTime <= m.lastTime) {
            skipped.inc();
            return;
        }
        score(ctx.getCurrentKey(), r, m, ctx.timerService(), out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AnomalyEvent> out) throws Exception {
        List<Reading> due = pending.get(timestamp);
        DeviceModel m = model.value();
        if (due != null) {
            pending.remove(timestamp);
            if (pending.isEmpty()) {
                pending.clear();
            }
            for (Reading r : due) {
                m = score(ctx.getCurrentKey(), r, m, ctx.timerService(), out);
            }
        }
        if (m != null && timestamp == m.expiryTimer) {
            if (m.lastTime + settings.ttlMillis <= timestamp) {
                model.clear();
            } else {
                m.expiryTimer = m.lastTime + settings.ttlMillis;
                ctx.timerService().registerEventTimeTimer(m.expiryTimer);
                model.update(m);
            }
        }
    }

    private DeviceModel score(String key, Reading r, DeviceModel m, org.apache.flink.streaming.api.TimerService timers,
            Collector<AnomalyEvent> out) throws Exception {
        if (m == null) {
            String[] metrics = settings.metricsFor(r.metrics);
            m = new DeviceModel(metrics, new double[metrics.length], Long.MIN_VALUE,
                    r.eventTime + settings.ttlMillis, settings.newDetector(key, metrics.length),
                    new Normalizer(metrics.length));
            timers.registerEventTimeTimer(m.expiryTimer);
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
            Result result = m.detector.process(scaled);
            m.lastTime = r.eventTime;
            scored.inc();
            if (result.warm()) {
                scores.update((long) Math.round(result.score() * 1000));
            }
            if (result.grade() > 0) {
                anomalies.inc();
                out.collect(event(r, m, result));
            }
        }
        model.update(m);
        return m;
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
