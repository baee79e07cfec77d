package io.fleetstream.replay.report;

import io.fleetstream.replay.report.ReportData.AlarmMark;
import io.fleetstream.replay.report.ReportData.GroupData;
import io.fleetstream.replay.report.ReportData.MetricSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** The report's charts as inline SVG: one shared time axis, drawn without scripts. */
final class Svg {
    static final int WIDTH = 960;
    private static final int LEFT = 64;
    private static final int RIGHT = 28;
    private static final int TOP = 8;
    private static final int AXIS = 22;
    private static final int LANE = 24;
    /** More alarm markers than this in one group are summarized, not drawn (the page must stay light). */
    static final int MAX_MARKS = 5000;

    private final ReportData data;

    Svg(ReportData data) {
        this.data = data;
    }

    double x(long t) {
        double f = (double) (t - data.from) / (data.to - data.from);
        return LEFT + Math.max(0, Math.min(1, f)) * (WIDTH - LEFT - RIGHT);
    }

    private long bucketStart(int i) {
        return data.from + i * data.bucketMillis;
    }

    private long bucketMid(int i) {
        return Math.min(data.to, bucketStart(i) + data.bucketMillis / 2);
    }

    /** Mean as a line over a band from the lowest to the highest reading; gaps where a bucket has no data. */
    String metricChart(MetricSeries s) {
        int height = 150;
        int bottom = height - AXIS;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < s.mean.length; i++) {
            if (!Double.isNaN(s.mean[i])) {
                lo = Math.min(lo, s.min[i]);
                hi = Math.max(hi, s.max[i]);
            }
        }
        StringBuilder b = open(height, s.metric + " over time");
        if (lo > hi) {
            b.append(text(WIDTH / 2.0, bottom / 2.0, "no data", "middle", "empty"));
            return axis(b, bottom).append("</svg>").toString();
        }
        if (hi - lo < 1e-12) {
            double pad = Math.max(1e-3, Math.abs(lo) * 0.05);
            lo -= pad;
            hi += pad;
        }
        double step = Scales.niceStep(hi - lo, 4);
        double ylo = Math.floor(lo / step) * step;
        double yhi = Math.ceil(hi / step) * step;
        for (double v : Scales.valueTicks(ylo, yhi, step)) {
            double y = y(v, ylo, yhi, bottom);
            b.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>",
                    LEFT, WIDTH - RIGHT, y, y));
            b.append(text(LEFT - 6, y + 4, Scales.number(v, step), "end", "tick"));
        }
        for (int[] run : runs(s.mean)) {
            StringBuilder band = new StringBuilder();
            StringBuilder line = new StringBuilder();
            for (int i = run[0]; i < run[1]; i++) {
                band.append(point(x(bucketMid(i)), y(s.max[i], ylo, yhi, bottom)));
                line.append(point(x(bucketMid(i)), y(s.mean[i], ylo, yhi, bottom)));
            }
            for (int i = run[1] - 1; i >= run[0]; i--) {
                band.append(point(x(bucketMid(i)), y(s.min[i], ylo, yhi, bottom)));
            }
            b.append("<polygon class=\"band\" points=\"").append(band).append("\"/>");
            if (run[1] - run[0] == 1) {
                int i = run[0];
                b.append(String.format(Locale.ROOT, "<circle class=\"mean\" cx=\"%.1f\" cy=\"%.1f\" r=\"2\"/>",
                        x(bucketMid(i)), y(s.mean[i], ylo, yhi, bottom)));
            } else {
                b.append("<polyline class=\"mean\" points=\"").append(line).append("\"/>");
            }
        }
        return axis(b, bottom).append("</svg>").toString();
    }

    /** The highest anomaly grade of each bucket as a bar (0 to 1), with the bucket's count in its tooltip. */
    String gradeChart(GroupData g) {
        int height = 110;
        int bottom = height - AXIS;
        StringBuilder b = open(height, "anomaly grades over time");
        for (double v : new double[] {0, 0.5, 1}) {
            double y = y(v, 0, 1, bottom);
            b.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>",
                    LEFT, WIDTH - RIGHT, y, y));
            b.append(text(LEFT - 6, y + 4, Scales.number(v, 0.5), "end", "tick"));
        }
        boolean any = false;
        for (int i = 0; i < g.maxGrade.length; i++) {
            if (Double.isNaN(g.maxGrade[i])) {
                continue;
            }
            any = true;
            double x0 = x(bucketStart(i));
            double w = Math.max(1.5, x(Math.min(data.to, bucketStart(i) + data.bucketMillis)) - x0 - 0.5);
            double y = y(g.maxGrade[i], 0, 1, bottom);
            b.append(String.format(Locale.ROOT, "<rect class=\"grade\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                    + "height=\"%.1f\"><title>%s: %d anomalies, highest grade %.2f</title></rect>", x0, y, w,
                    bottom - y, Scales.time(bucketStart(i)), g.anomalies[i], g.maxGrade[i]));
        }
        if (!any) {
            b.append(text(WIDTH / 2.0, bottom / 2.0, "no anomalies", "middle", "empty"));
        }
        return axis(b, bottom).append("</svg>").toString();
    }

    /**
     * One lane per rule: each alarm as a bar from its raise to its clear (or the end of the window), a triangle
     * where it was raised or escalated and a dot where it cleared.
     */
    String alarmChart(GroupData g) {
        TreeSet<String> rules = new TreeSet<>();
        g.alarms.forEach(a -> rules.add(a.rule));
        if (rules.isEmpty()) {
            StringBuilder b = open(40 + AXIS, "alarms over time");
            b.append(text(WIDTH / 2.0, 24, "no alarms", "middle", "empty"));
            return axis(b, 40).append("</svg>").toString();
        }
        List<String> lanes = new ArrayList<>(rules);
        int bottom = TOP + lanes.size() * LANE + 2;
        StringBuilder b = open(bottom + AXIS, "alarms over time, one lane per rule");
        for (int i = 0; i < lanes.size(); i++) {
            double y = laneY(i);
            b.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>",
                    LEFT, WIDTH - RIGHT, y, y));
            b.append(text(LEFT + 4, TOP + i * LANE + 9, lanes.get(i), "start", "lane"));
        }
        Map<String, long[]> spans = new LinkedHashMap<>();
        Map<String, AlarmMark> raised = new LinkedHashMap<>();
        for (AlarmMark a : g.alarms) {
            long[] span = spans.computeIfAbsent(a.alarmId + "|" + a.rule, k -> new long[] {a.raisedAt, data.to});
            if (a.clearedAt != null) {
                span[1] = a.clearedAt;
            }
            raised.putIfAbsent(a.alarmId + "|" + a.rule, a);
        }
        spans.forEach((id, span) -> {
            AlarmMark a = raised.get(id);
            double y = laneY(lanes.indexOf(a.rule));
            b.append(String.format(Locale.ROOT, "<line class=\"span %s\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
                    + "y2=\"%.1f\"/>", severity(a.severity), x(span[0]), Math.max(x(span[1]), x(span[0]) + 1.5), y, y));
        });
        int drawn = 0;
        for (AlarmMark a : g.alarms) {
            if (drawn++ >= MAX_MARKS) {
                break;
            }
            double x = x(a.eventTime);
            double y = laneY(lanes.indexOf(a.rule));
            String tip = "<title>" + Html.escape(a.state + " " + a.severity + " " + a.rule + " on " + a.deviceId
                    + " at " + Scales.time(a.eventTime) + " (alarm " + a.alarmId + ")") + "</title>";
            if ("CLEARED".equals(a.state) || "SHELVED".equals(a.state)) {
                b.append(String.format(Locale.ROOT, "<circle class=\"cleared\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\">%s"
                        + "</circle>", x, y, tip));
            } else if ("RAISED".equals(a.state) || "ESCALATED".equals(a.state)) {
                b.append(String.format(Locale.ROOT, "<path class=\"raised %s\" d=\"M%.1f %.1fl5 9h-10z\">%s</path>",
                        severity(a.severity), x, y - 5, tip));
            } else {
                b.append(String.format(Locale.ROOT, "<path class=\"other\" d=\"M%.1f %.1fl4 -8h-8z\">%s</path>",
                        x, y + 4, tip));
            }
        }
        if (g.alarms.size() > MAX_MARKS) {
            b.append(text(WIDTH - RIGHT, TOP + 9, (g.alarms.size() - MAX_MARKS) + " more transitions not marked",
                    "end", "lane"));
        }
        return axis(b, bottom).append("</svg>").toString();
    }

    private static double laneY(int lane) {
        return TOP + lane * LANE + 16;
    }

    private static String severity(String s) {
        return s == null ? "sev-other" : "sev-" + s.toLowerCase(Locale.ROOT);
    }

    private StringBuilder open(int height, String label) {
        return new StringBuilder(4096).append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                        + "role=\"img\" aria-label=\"%s\">", WIDTH, height, WIDTH, height, Html.escape(label)));
    }

    private StringBuilder axis(StringBuilder b, int bottom) {
        b.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>", LEFT,
                WIDTH - RIGHT, bottom, bottom));
        for (long t : Scales.timeTicks(data.from, data.to)) {
            double x = x(t);
            b.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/>",
                    x, x, bottom, bottom + 4));
            b.append(text(x, bottom + 16, Scales.timeLabel(t, data.from, data.to), "middle", "tick"));
        }
        return b;
    }

    private static double y(double v, double lo, double hi, int bottom) {
        return bottom - (v - lo) / (hi - lo) * (bottom - TOP);
    }

    private static String point(double x, double y) {
        return String.format(Locale.ROOT, "%.1f,%.1f ", x, y);
    }

    private static String text(double x, double y, String s, String anchor, String cls) {
        return String.format(Locale.ROOT, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>",
                cls, x, y, anchor, Html.escape(s));
    }

    /** Runs {@code [start, end)} of consecutive buckets that have a value. */
    private static List<int[]> runs(double[] v) {
        List<int[]> runs = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= v.length; i++) {
            boolean has = i < v.length && !Double.isNaN(v[i]);
            if (has && start < 0) {
                start = i;
            } else if (!has && start >= 0) {
                runs.add(new int[] {start, i});
                start = -1;
            }
        }
        return runs;
    }
}
