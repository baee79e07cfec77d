package io.fleetstream.replay.report;

import io.fleetstream.replay.report.ReportData.AlarmMark;
import io.fleetstream.replay.report.ReportData.GroupData;
import io.fleetstream.replay.report.ReportData.MetricSeries;
import java.util.Map;
import java.util.TreeMap;

/**
 * The replay report: one self-contained HTML page (inline CSS and SVG, no scripts, nothing fetched) with the run's
 * summary and, per device group, its metrics over the window (mean with the lowest-to-highest band), its anomaly
 * grades and its alarms.
 */
public final class ReplayReport {
    private ReplayReport() {}

    private static final String STYLE = String.join("\n",
            "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#222;margin:24px auto;max-width:1000px;padding:0 12px}",
            "h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 4px;border-bottom:1px solid #ddd}",
            "h3{font-size:14px;margin:14px 0 2px;color:#444}.muted{color:#666}",
            "table{border-collapse:collapse;margin:8px 0}td,th{padding:3px 10px;border-bottom:1px solid #eee;text-align:left}",
            "td.n{text-align:right;font-variant-numeric:tabular-nums}nav a{margin-right:12px}",
            "svg{display:block;max-width:100%;height:auto}",
            ".grid{stroke:#eee}.axis{stroke:#999}.tick{font-size:11px;fill:#666}.lane{font-size:10px;fill:#777}",
            ".empty{font-size:12px;fill:#aaa}.band{fill:#cfe0f5;stroke:none}",
            ".mean{fill:none;stroke:#1f5fa8;stroke-width:1.5}circle.mean{fill:#1f5fa8}",
            ".grade{fill:#8e44ad}.span{stroke-width:5;stroke-opacity:.35}.cleared{fill:#2e7d32}.other{fill:#888}",
            ".sev-critical{stroke:#c62828;fill:#c62828}.sev-major{stroke:#e65100;fill:#e65100}",
            ".sev-warning{stroke:#f9a825;fill:#f9a825}.sev-info,.sev-other{stroke:#607d8b;fill:#607d8b}",
            ".legend span{margin-right:14px}.key{display:inline-block;width:14px;height:8px;margin-right:4px;vertical-align:middle}");

    public static String render(ReportData d) {
        Svg svg = new Svg(d);
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"/>")
                .append("<title>").append(Html.escape(d.title)).append("</title><style>").append(STYLE)
                .append("</style></head><body>\n");
        b.append("<h1>").append(Html.escape(d.title)).append("</h1>\n<p class=\"muted\">")
                .append(Html.escape(Scales.time(d.from))).append(" to ").append(Html.escape(Scales.time(d.to)))
                .append(" UTC (event time); plots in buckets of ").append(minutes(d.bucketMillis)).append("</p>\n");
        b.append("<table>");
        for (String[] row : d.summary) {
            b.append("<tr><th>").append(Html.escape(row[0])).append("</th><td class=\"n\">")
                    .append(Html.escape(row[1])).append("</td></tr>");
        }
        b.append("</table>\n");
        if (d.groups.isEmpty()) {
            b.append("<p>No device group has rollups, anomalies or alarms in this window.</p>\n");
        } else {
            b.append("<nav>Device groups: ");
            for (int i = 0; i < d.groups.size(); i++) {
                b.append("<a href=\"#g").append(i).append("\">").append(Html.escape(d.groups.get(i).group))
                        .append("</a>");
            }
            b.append("</nav>\n<p class=\"legend muted\"><span><i class=\"key\" style=\"background:#1f5fa8\"></i>"
                    + "mean of the group's readings</span><span><i class=\"key\" style=\"background:#cfe0f5\"></i>"
                    + "lowest to highest reading</span><span><i class=\"key\" style=\"background:#8e44ad\"></i>"
                    + "highest anomaly grade</span><span>&#9650; raised or escalated</span>"
                    + "<span style=\"color:#2e7d32\">&#9679; cleared</span></p>\n");
        }
        for (int i = 0; i < d.groups.size(); i++) {
            group(b, svg, d.groups.get(i), i);
        }
        b.append("<p class=\"muted\">Written by fleetstream replay. Times are UTC. Hover a bar or marker for "
                + "details.</p>\n</body></html>\n");
        return b.toString();
    }

    private static void group(StringBuilder b, Svg svg, GroupData g, int index) {
        long anomalies = 0;
        for (long n : g.anomalies) {
            anomalies += n;
        }
        Map<String, long[]> byRule = new TreeMap<>();
        for (AlarmMark a : g.alarms) {
            long[] c = byRule.computeIfAbsent(a.rule, k -> new long[3]);
            if ("RAISED".equals(a.state)) {
                c[0]++;
            } else if ("CLEARED".equals(a.state)) {
                c[1]++;
            }
            c[2]++;
        }
        long raised = byRule.values().stream().mapToLong(c -> c[0]).sum();
        b.append("<section id=\"g").append(index).append("\"><h2>").append(Html.escape(g.group)).append("</h2>\n")
                .append("<p class=\"muted\">").append(g.devices).append(g.devices == 1 ? " device, " : " devices, ")
                .append(anomalies).append(anomalies == 1 ? " anomaly, " : " anomalies, ").append(raised)
                .append(raised == 1 ? " alarm raised" : " alarms raised").append("</p>\n");
        for (MetricSeries m : g.metrics) {
            b.append("<h3>").append(Html.escape(m.metric)).append("</h3>\n").append(svg.metricChart(m)).append('\n');
        }
        b.append("<h3>Anomaly grades</h3>\n").append(svg.gradeChart(g)).append('\n');
        b.append("<h3>Alarms</h3>\n").append(svg.alarmChart(g)).append('\n');
        if (!byRule.isEmpty()) {
            b.append("<table><tr><th>rule</th><th>raised</th><th>cleared</th><th>transitions</th></tr>");
            byRule.forEach((rule, c) -> b.append("<tr><td>").append(Html.escape(rule)).append("</td><td class=\"n\">")
                    .append(c[0]).append("</td><td class=\"n\">").append(c[1]).append("</td><td class=\"n\">")
                    .append(c[2]).append("</td></tr>"));
            b.append("</table>\n");
        }
        b.append("</section>\n");
    }

    private static String minutes(long ms) {
        if (ms % 3_600_000L == 0) {
            return ms / 3_600_000L + " h";
        }
        if (ms % 60_000L == 0) {
            return ms / 60_000L + " min";
        }
        return ms / 1000 + " s";
    }
}
