package io.fleetstream.replay.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.replay.report.ReportData.AlarmMark;
import io.fleetstream.replay.report.ReportData.GroupData;
import io.fleetstream.replay.report.ReportData.MetricSeries;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The report page: self-contained, well-formed, and it draws what it is given. */
class ReplayReportTest {
    private static final long FROM = Instant.parse("2025-11-20T00:00:00Z").toEpochMilli();
    private static final long TO = Instant.parse("2025-11-20T06:00:00Z").toEpochMilli();

    @Test
    void aReportIsOneSelfContainedPageWithAPlotPerMetricAndTheAlarmsMarked() throws Exception {
        long bucket = ReportData.bucketFor(FROM, TO, 240, 60_000);
        int n = ReportData.buckets(FROM, TO, bucket);
        double[] mean = new double[n];
        double[] min = new double[n];
        double[] max = new double[n];
        for (int i = 0; i < n; i++) {
            boolean gap = i >= 10 && i < 14; // a gap in the data is left open, not bridged
            mean[i] = gap ? Double.NaN : 4 + Math.sin(i / 10.0);
            min[i] = gap ? Double.NaN : mean[i] - 0.5;
            max[i] = gap ? Double.NaN : mean[i] + 0.5;
        }
        double[] grades = new double[n];
        Arrays.fill(grades, Double.NaN);
        grades[20] = 0.8;
        long[] anomalies = new long[n];
        anomalies[20] = 3;
        List<AlarmMark> alarms = List.of(
                new AlarmMark("a1", "reefer-<1>", "temp-high", "WARNING", "RAISED", FROM + 3_600_000L,
                        FROM + 3_600_000L, null),
                new AlarmMark("a1", "reefer-<1>", "temp-high", "CRITICAL", "ESCALATED", FROM + 4_000_000L,
                        FROM + 3_600_000L, null),
                new AlarmMark("a1", "reefer-<1>", "temp-high", "CRITICAL", "CLEARED", FROM + 7_200_000L,
                        FROM + 3_600_000L, FROM + 7_200_000L));
        GroupData reefers = new GroupData("reefers & <west>", 3, List.of(new MetricSeries("temp_c", mean, min, max),
                new MetricSeries("fuel_pct", mean, min, max)), grades, anomalies, alarms);
        GroupData quiet = new GroupData("pumps", 1, List.of(), new double[n], new long[n], List.of());
        Arrays.fill(quiet.maxGrade, Double.NaN);

        String html = ReplayReport.render(new ReportData("Replay run-1", FROM, TO, bucket,
                List.<String[]>of(new String[] {"rows rollups", "1,234"}), List.of(reefers, quiet)));

        Document page = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertThat(page.getElementsByTagName("section").getLength()).isEqualTo(2);
        assertThat(page.getElementsByTagName("svg").getLength()).as("two metrics, then grades and alarms per group")
                .isEqualTo(2 + 2 + 2);
        assertThat(page.getElementsByTagName("polyline").getLength()).as("a line each side of the gap, per metric")
                .isEqualTo(4);
        assertThat(page.getElementsByTagName("rect").getLength()).as("one anomaly bar").isEqualTo(1);
        assertThat(html).contains("reefers &amp; &lt;west&gt;").contains("no alarms").contains("no anomalies")
                .contains("RAISED WARNING temp-high on reefer-&lt;1&gt;").contains("1,234")
                .doesNotContain("<script").doesNotContain("src=").doesNotContain("href=\"http")
                .doesNotContain("@import").doesNotContain("url(");
        assertThat(bucket).isEqualTo(120_000L);
    }

    @Test
    void theBucketIsReadableAndNeverSmallerThanTheRollupWindow() {
        long day = 86_400_000L;
        assertThat(ReportData.bucketFor(0, day, 240, 60_000)).isEqualTo(10 * 60_000L);
        assertThat(ReportData.bucketFor(0, 30 * 60_000L, 240, 60_000)).isEqualTo(60_000L);
        assertThat(ReportData.bucketFor(0, 30 * 60_000L, 240, 300_000)).isEqualTo(300_000L);
    }
}
