package io.fleetstream.sinks.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.AnomalyEvent;
import io.fleetstream.lake.LakeReader;
import io.fleetstream.lake.tables.AnomaliesTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same rows written over several checkpoints by two subtasks into one partition, once as the sink's part files
 * and once with compaction: the compacted lake has fewer files, all valid Parquet, holding exactly the same rows.
 */
class LakeCompactionTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final int ROWS = 300;
    private static final long HOUR = Instant.parse("2025-11-20T06:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    @Test
    void compactionLeavesFewerFilesWithExactlyTheSameRows() throws Exception {
        LakeFiles rolling = LakeFiles.rolling(128L * 1024 * 1024, Duration.ofMinutes(15));
        Path plain = dir.resolve("plain");
        Path compacted = dir.resolve("compacted");
        write(plain, rolling);
        write(compacted, rolling.compactedEvery(2));

        List<Path> plainFiles = visibleFiles(plain);
        List<Path> compactedFiles = visibleFiles(compacted);
        System.out.printf("anomalies: %d part files without compaction, %d with%n", plainFiles.size(),
                compactedFiles.size());
        assertThat(plainFiles).as("small files of several checkpoints, from both subtasks").hasSizeGreaterThan(3);
        assertThat(compactedFiles).hasSizeLessThan(plainFiles.size())
                .allSatisfy(f -> assertThat(f.getFileName().toString()).startsWith("compacted-part-"));
        assertThat(hiddenFiles(compacted)).as("merged part files are removed").isEmpty();

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            expected.add(row(anomaly(i)));
        }
        expected.sort(null);
        assertThat(rows(plain)).isEqualTo(expected);
        assertThat(rows(compacted)).as("rows of the compacted files").isEqualTo(expected);
    }

    private static void write(Path lake, LakeFiles files) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(100);
        env.fromSequence(0, ROWS - 1).setParallelism(1)
                .map(new SlowAnomaly()).setParallelism(1)
                .rebalance()
                .sinkTo(LakeSinks.forTable(lake.toUri().toString(), new AnomaliesTable(), files)).uid("lake-anomalies");
        env.execute("lake compaction");
    }

    private static List<String> rows(Path lake) throws Exception {
        return LakeReader.read(lake, "anomalies").stream().map(LakeCompactionTest::row).sorted()
                .collect(Collectors.toList());
    }

    private static String row(Map<String, Object> r) {
        return r.get("device_id") + "|" + r.get("event_time") + "|" + r.get("score") + "|" + r.get("grade") + "|"
                + r.get("attribution") + "|" + r.get("device_group") + "|" + r.get("hr");
    }

    private static String row(AnomalyEvent a) {
        Map<String, Object> attribution = new java.util.LinkedHashMap<>();
        for (int k = 0; k < a.attributionMetrics.length; k++) {
            attribution.put(a.attributionMetrics[k], a.attributionShares[k]);
        }
        return a.deviceId + "|" + a.eventTime + "|" + a.score + "|" + a.grade + "|" + attribution + "|"
                + a.deviceGroup + "|06";
    }

    private static List<Path> visibleFiles(Path lake) throws Exception {
        return parquetFiles(lake).stream().filter(p -> !p.getFileName().toString().startsWith("."))
                .collect(Collectors.toList());
    }

    private static List<Path> hiddenFiles(Path lake) throws Exception {
        try (Stream<Path> s = Files.walk(lake)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().endsWith(".crc")).collect(Collectors.toList());
        }
    }

    private static List<Path> parquetFiles(Path lake) throws Exception {
        try (Stream<Path> s = Files.walk(lake)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).collect(Collectors.toList());
        }
    }

    /** Row i: one partition (one hour, one group), with a map column; slow, so the rows span checkpoints. */
    static AnomalyEvent anomaly(long i) {
        AnomalyEvent a = new AnomalyEvent();
        a.deviceId = "device-" + (i % 7);
        a.deviceGroup = "pumps";
        a.eventTime = HOUR + i * 1_000;
        a.score = i * 0.25;
        a.grade = (i % 10) / 10.0;
        a.attributionMetrics = i % 3 == 0 ? new String[0] : new String[] {"temp_c", "rpm"};
        a.attributionShares = i % 3 == 0 ? new double[0] : new double[] {0.75, 0.25};
        return a;
    }

    static final class SlowAnomaly implements MapFunction<Long, AnomalyEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public AnomalyEvent map(Long i) throws Exception {
            Thread.sleep(10);
            return anomaly(i);
        }
    }
}
