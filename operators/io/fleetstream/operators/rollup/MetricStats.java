package io.fleetstream.operators.rollup;

import io.fleetstream.model.Reading;
import java.util.Arrays;

/**
 * Running statistics of every metric of one device in one window: the accumulator of the rollup aggregation.
 * Parallel arrays indexed by metric keep it a Flink POJO (no Kryo) and small in RocksDB. Mean and variance use
 * Welford's update, which stays accurate where sum-of-squares loses precision.
 */
public class MetricStats {
    public String deviceGroup;
    public String[] metrics = new String[0];
    public long[] count = new long[0];
    public double[] min = new double[0];
    public double[] max = new double[0];
    public double[] sum = new double[0];
    public double[] mean = new double[0];
    public double[] m2 = new double[0];
    public long[] firstTime = new long[0];
    public double[] first = new double[0];
    public long[] lastTime = new long[0];
    public double[] last = new double[0];

    public MetricStats() {}

    public int size() {
        return metrics.length;
    }

    /** Every metric of the reading; the first reading names the device group. */
    void add(Reading r) {
        if (deviceGroup == null) {
            deviceGroup = r.deviceGroup;
        }
        for (int i = 0; i < r.metrics.length; i++) {
            add(r.metrics[i], r.eventTime, r.values[i]);
        }
    }

    void add(String metric, long time, double v) {
        int i = indexOf(metric);
        if (i < 0) {
            i = grow(metric);
            count[i] = 1;
            min[i] = v;
            max[i] = v;
            sum[i] = v;
            mean[i] = v;
            m2[i] = 0;
            firstTime[i] = time;
            first[i] = v;
            lastTime[i] = time;
            last[i] = v;
            return;
        }
        count[i]++;
        min[i] = Math.min(min[i], v);
        max[i] = Math.max(max[i], v);
        sum[i] += v;
        double delta = v - mean[i];
        mean[i] += delta / count[i];
        m2[i] += delta * (v - mean[i]);
        // Ties on event time are broken by value so the result does not depend on arrival order.
        if (time < firstTime[i] || (time == firstTime[i] && v < first[i])) {
            firstTime[i] = time;
            first[i] = v;
        }
        if (time > lastTime[i] || (time == lastTime[i] && v > last[i])) {
            lastTime[i] = time;
            last[i] = v;
        }
    }

    /** Chan et al.'s pairwise combination of two partial aggregates. */
    void merge(MetricStats o) {
        if (deviceGroup == null) {
            deviceGroup = o.deviceGroup;
        }
        for (int j = 0; j < o.size(); j++) {
            int i = indexOf(o.metrics[j]);
            if (i < 0) {
                i = grow(o.metrics[j]);
                count[i] = o.count[j];
                min[i] = o.min[j];
                max[i] = o.max[j];
                sum[i] = o.sum[j];
                mean[i] = o.mean[j];
                m2[i] = o.m2[j];
                firstTime[i] = o.firstTime[j];
                first[i] = o.first[j];
                lastTime[i] = o.lastTime[j];
                last[i] = o.last[j];
                continue;
            }
            long n = count[i] + o.count[j];
            double delta = o.mean[j] - mean[i];
            mean[i] += delta * o.count[j] / n;
            m2[i] += o.m2[j] + delta * delta * count[i] * o.count[j] / n;
            count[i] = n;
            min[i] = Math.min(min[i], o.min[j]);
            max[i] = Math.max(max[i], o.max[j]);
            sum[i] += o.sum[j];
            if (o.firstTime[j] < firstTime[i] || (o.firstTime[j] == firstTime[i] && o.first[j] < first[i])) {
                firstTime[i] = o.firstTime[j];
                first[i] = o.first[j];
            }
            if (o.lastTime[j] > lastTime[i] || (o.lastTime[j] == lastTime[i] && o.last[j] > last[i])) {
                lastTime[i] = o.lastTime[j];
                last[i] = o.last[j];
            }
        }
    }

    /** Sample standard deviation, or null below two values. */
    Double stddev(int i) {
        return count[i] < 2 ? null : Math.sqrt(Math.max(0.0, m2[i] / (count[i] - 1)));
    }

    private int indexOf(String metric) {
        for (int i = 0; i < metrics.length; i++) {
            if (metrics[i].equals(metric)) {
                return i;
            }
        }
        return -1;
    }

    private int grow(String metric) {
        int n = metrics.length;
        metrics = Arrays.copyOf(metrics, n + 1);
        metrics[n] = metric;
        count = Arrays.copyOf(count, n + 1);
        min = Arrays.copyOf(min, n + 1);
        max = Arrays.copyOf(max, n + 1);
        sum = Arrays.copyOf(sum, n + 1);
        mean = Arrays.copyOf(mean, n + 1);
        m2 = Arrays.copyOf(m2, n + 1);
        firstTime = Arrays.copyOf(firstTime, n + 1);
        first = Arrays.copyOf(first, n + 1);
        lastTime = Arrays.copyOf(lastTime, n + 1);
        last = Arrays.copyOf(last, n + 1);
        return n;
    }
}
