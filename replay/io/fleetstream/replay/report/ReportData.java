package io.fleetstream.replay.report;

import java.util.Collections;
import java.util.List;

/**
 * What the replay report shows, as plain data: the run, its summary, and per device group the series to plot over
 * {@code [from, to)} in buckets of {@code bucketMillis} (series arrays have one entry per bucket).
 */
public final class ReportData {
    public final String title;
    public final long from;
    public final long to;
    public final long bucketMillis;
    /** Label and value rows of the summary table, in order. */
    public final List<String[]> summary;
    public final List<GroupData> groups;

    public ReportData(String title, long from, long to, long bucketMillis, List<String[]> summary,
            List<GroupData> groups) {
        if (to <= from || bucketMillis <= 0) {
            throw new IllegalArgumentException("need from < to and a positive bucket");
        }
        this.title = title;
        this.from = from;
        this.to = to;
        this.bucketMillis = bucketMillis;
        this.summary = Collections.unmodifiableList(summary);
        this.groups = Collections.unmodifiableList(groups);
    }

    public int buckets() {
        return buckets(from, to, bucketMillis);
    }

    public static int buckets(long from, long to, long bucketMillis) {
        return (int) ((to - from + bucketMillis - 1) / bucketMillis);
    }

    /**
     * A readable bucket for a window: the smallest of 1, 2, 5, 10, 15, 30 min, 1, 2, 3, 6, 12 h, 1 d that gives at
     * most {@code maxBuckets} buckets, and never below {@code atLeast} (the rollup window).
     */
    public static long bucketFor(long from, long to, int maxBuckets, long atLeast) {
        long[] minutes = {1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440};
        for (long m : minutes) {
            long b = m * 60_000L;
            if (b >= atLeast && buckets(from, to, b) <= maxBuckets) {
                return b;
            }
        }
        return Math.max(atLeast, (to - from + maxBuckets - 1) / maxBuckets);
    }

    /** One device group's plots. */
    public static final class GroupData {
        public final String group;
        public final int devices;
        public final List<MetricSeries> metrics;
        /** Highest anomaly grade per bucket; NaN where the bucket has no anomaly. */
        public final double[] maxGrade;
        public final long[] anomalies;
        public final List<AlarmMark> alarms;

        public GroupData(String group, int devices, List<MetricSeries> metrics, double[] maxGrade, long[] anomalies,
                List<AlarmMark> alarms) {
            this.group = group;
            this.devices = devices;
            this.metrics = Collections.unmodifiableList(metrics);
            this.maxGrade = maxGrade;
            this.anomalies = anomalies;
            this.alarms = Collections.unmodifiableList(alarms);
        }
    }

    /** One metric of a group: per bucket, the mean over the group's readings and the lowest and highest reading. */
    public static final class MetricSeries {
        public final String metric;
        public final double[] mean;
        public final double[] min;
        public final double[] max;

        public MetricSeries(String metric, double[] mean, double[] min, double[] max) {
            this.metric = metric;
            this.mean = mean;
            this.min = min;
            this.max = max;
        }
    }

    /** One alarm transition. */
    public static final class AlarmMark {
        public final String alarmId;
        public final String deviceId;
        public final String rule;
        public final String severity;
        public final String state;
        public final long eventTime;
        public final long raisedAt;
        public final Long clearedAt;

        public AlarmMark(String alarmId, String deviceId, String rule, String severity, String state, long eventTime,
                long raisedAt, Long clearedAt) {
            this.alarmId = alarmId;
            this.deviceId = deviceId;
            this.rule = rule;
            this.severity = severity;
            this.state = state;
            this.eventTime = eventTime;
            this.raisedAt = raisedAt;
            this.clearedAt = clearedAt;
        }
    }
}
