package io.fleetstream.jobs.replay;

import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.PipelineOptions;
import io.fleetstream.operators.rollup.WindowSpec;
import io.fleetstream.replay.lake.LakeTableReader;
import io.fleetstream.replay.lake.LakeTableReader.Partition;
import io.fleetstream.replay.report.ReportData;
import io.fleetstream.replay.report.ReportData.AlarmMark;
import io.fleetstream.replay.report.ReportData.GroupData;
import io.fleetstream.replay.report.ReportData.MetricSeries;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gathers what the replay report plots from the run's own lake, one partition at a time so a long window never
 * sits in memory: per group and metric the tumbling rollups (latest revision) summed into plot buckets, the
 * anomaly grades, and the alarm transitions.
 */
public final class ReportGatherer {
    private ReportGatherer() {}

    private static final String NO_GROUP = "(no group)";

    public static ReportData gather(FleetConfig cfg, ReplaySettings s, List<String[]> summary) throws IOException {
        long from = s.from.toEpochMilli();
        long to = s.to.toEpochMilli();
        WindowSpec tumbling = WindowSpec.tumbling(cfg.get(PipelineOptions.TUMBLING_SIZE));
        long bucket = ReportData.bucketFor(from, to, 240, tumbling.size().toMillis());
        int buckets = ReportData.buckets(from, to, bucket);
        Map<String, Acc> groups = new TreeMap<>();

        for (Partition p : LakeTableReader.partitions(s.outputPath, "rollups", from, to)) {
            Acc acc = groups.computeIfAbsent(name(p.deviceGroup), g -> new Acc(buckets));
            // Revisions of one window share its partition (by window start): keep the latest per key.
            Map<String, double[]> latest = new HashMap<>();
            Map<String, String> metricOf = new HashMap<>();
            for (String file : p.files) {
                LakeTableReader.read(file, List.of("device_id", "metric", "window_spec", "window_start", "count",
                        "sum", "min", "max", "revision"), g -> {
                            long start = g.getLong("window_start", 0);
                            if (!tumbling.label().equals(g.getString("window_spec", 0)) || start < from
                                    || start >= to) {
                                return;
                            }
                            String device = g.getString("device_id", 0);
                            String metric = g.getString("metric", 0);
                            acc.devices.add(device);
                            String key = device + '\u0000' + metric + '\u0000' + start;
                            double[] row = {g.getInteger("revision", 0), (start - from) / bucket,
                                g.getLong("count", 0), g.getDouble("sum", 0), g.getDouble("min", 0),
                                g.getDouble("max", 0)};
                            double[] had = latest.get(key);
                            if (had == null || had[0] < row[0]) {
                                latest.put(key, row);
                                metricOf.put(key, metric);
                            }
                        });
            }
            latest.forEach((key, r) -> acc.metric(metricOf.get(key)).add((int) r[1], (long) r[2], r[3], r[4], r[5]));
        }

        for (Partition p : LakeTableReader.partitions(s.outputPath, "anomalies", from, to)) {
            Acc acc = groups.computeIfAbsent(name(p.deviceGroup), g -> new Acc(buckets));
            for (String file : p.files) {
                LakeTableReader.read(file, List.of("device_id", "event_time", "grade"), g -> {
                    long t = g.getLong("event_time", 0);
                    if (t >= from && t < to) {
                        int i = (int) ((t - from) / bucket);
                        acc.anomalies[i]++;
                        double grade = g.getDouble("grade", 0);
                        acc.maxGrade[i] = Double.isNaN(acc.maxGrade[i]) ? grade : Math.max(acc.maxGrade[i], grade);
                        acc.devices.add(g.getString("device_id", 0));
                    }
                });
            }
        }

        for (Partition p : LakeTableReader.partitions(s.outputPath, "alarms", from, to)) {
            Acc acc = groups.computeIfAbsent(name(p.deviceGroup), g -> new Acc(buckets));
            for (String file : p.files) {
                LakeTableReader.read(file, List.of("alarm_id", "device_id", "rule", "severity", "state",
                        "event_time", "raised_at", "cleared_at"), g -> {
                            long t = g.getLong("event_time", 0);
                            if (t >= from && t < to) {
                                Long cleared = g.getFieldRepetitionCount("cleared_at") == 0 ? null
                                        : g.getLong("cleared_at", 0);
                                acc.alarms.add(new AlarmMark(g.getString("alarm_id", 0), g.getString("device_id", 0),
                                        g.getString("rule", 0), g.getString("severity", 0), g.getString("state", 0),
                                        t, g.getLong("raised_at", 0), cleared));
                                acc.devices.add(g.getString("device_id", 0));
                            }
                        });
            }
        }

        List<GroupData> data = new ArrayList<>();
        groups.forEach((name, acc) -> data.add(acc.toData(name)));
        return new ReportData("Replay " + s.runId, from, to, bucket, summary, data);
    }

    private static String name(String group) {
        return group == null ? NO_GROUP : group;
    }

    /** One group's running sums. */
    private static final class Acc {
        final int buckets;
        final Set<String> devices = new HashSet<>();
        final Map<String, MetricAcc> metrics = new TreeMap<>();
        final double[] maxGrade;
        final long[] anomalies;
        final List<AlarmMark> alarms = new ArrayList<>();

        Acc(int buckets) {
            this.buckets = buckets;
            maxGrade = new double[buckets];
            Arrays.fill(maxGrade, Double.NaN);
            anomalies = new long[buckets];
        }

        MetricAcc metric(String name) {
            return metrics.computeIfAbsent(name, m -> new MetricAcc(buckets));
        }

        GroupData toData(String name) {
            List<MetricSeries> series = new ArrayList<>();
            metrics.forEach((m, a) -> series.add(a.toSeries(m)));
            alarms.sort(Comparator.comparingLong((AlarmMark a) -> a.eventTime).thenComparing(a -> a.alarmId));
            return new GroupData(name, devices.size(), series, maxGrade, anomalies, alarms);
        }
    }

    private static final class MetricAcc {
        final long[] count;
        final double[] sum;
        final double[] min;
        final double[] max;

        MetricAcc(int buckets) {
            count = new long[buckets];
            sum = new double[buckets];
            min = new double[buckets];
            max = new double[buckets];
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
        }

        void add(int bucket, long n, double s, double lo, double hi) {
            count[bucket] += n;
            sum[bucket] += s;
            min[bucket] = Math.min(min[bucket], lo);
            max[bucket] = Math.max(max[bucket], hi);
        }

        MetricSeries toSeries(String metric) {
            double[] mean = new double[count.length];
            double[] lo = new double[count.length];
            double[] hi = new double[count.length];
            for (int i = 0; i < count.length; i++) {
                boolean has = count[i] > 0;
                mean[i] = has ? sum[i] / count[i] : Double.NaN;
                lo[i] = has ? min[i] : Double.NaN;
                hi[i] = has ? max[i] : Double.NaN;
            }
            return new MetricSeries(metric, mean, lo, hi);
        }
    }
}
