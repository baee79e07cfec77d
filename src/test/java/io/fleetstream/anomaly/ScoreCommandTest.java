package io.fleetstream.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.anomaly.cli.ScoreCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) {
        return ScoreCommand.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private static void writeSeries(Path file, int rows, int spikeAt) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder sb = new StringBuilder("timestamp,temp_c,fuel_pct\n");
        Random r = new Random(5);
        for (int i = 0; i < rows; i++) {
            double temp = 4 + 0.2 * r.nextGaussian() + (i == spikeAt ? 9 : 0);
            double fuel = 80 - i * 0.01 + 0.1 * r.nextGaussian();
            sb.append(String.format(Locale.ROOT, "2025-01-01T00:%02d:%02dZ,%.3f,%.3f%n", i / 60 % 60, i % 60, temp,
                    fuel));
        }
        Files.writeString(file, sb.toString());
    }

    @Test
    void writesOneScoredCsvPerInputAtTheSameRelativePath() throws IOException {
        Path in = tmp.resolve("in");
        writeSeries(in.resolve("a.csv"), 1500, 1200);
        writeSeries(in.resolve("fleet/b.csv"), 800, -1);
        Files.writeString(in.resolve("notes.txt"), "not a csv");
        Path out = tmp.resolve("out");

        assertThat(run("score", "--in", in.toString(), "--out", out.toString(), "--trees", "30")).isZero();

        assertThat(out.resolve("notes.txt")).doesNotExist();
        List<String> a = Files.readAllLines(out.resolve("a.csv"));
        List<String> b = Files.readAllLines(out.resolve("fleet/b.csv"));
        assertThat(a.get(0)).isEqualTo("timestamp,temp_c,fuel_pct,anomaly_score,grade,rcf_score");
        assertThat(a).hasSize(1501);
        assertThat(b).hasSize(801);
        List<String> inputRows = Files.readAllLines(in.resolve("a.csv"));
        double spike = 0;
        double others = 0;
        for (int i = 1; i < a.size(); i++) {
            String[] f = a.get(i).split(",");
            assertThat(f).hasSize(6);
            assertThat(a.get(i)).startsWith(inputRows.get(i) + ",");
            double anomaly = Double.parseDouble(f[3]);
            double grade = Double.parseDouble(f[4]);
            assertThat(anomaly).isBetween(0.0, 1.0);
            assertThat(grade).isBetween(0.0, 1.0);
            assertThat(Double.parseDouble(f[5])).isGreaterThanOrEqualTo(0.0);
            if (i - 1 == 1200) {
                spike = anomaly;
                assertThat(grade).isPositive();
            } else if (i > 300) {
                others = Math.max(others, anomaly);
            }
        }
        assertThat(spike).isGreaterThan(others);
    }

    @Test
    void acceptsASingleFile() throws IOException {
        Path f = tmp.resolve("one.csv");
        writeSeries(f, 300, -1);
        Path out = tmp.resolve("out");
        assertThat(run("--in", f.toString(), "--out", out.toString(), "--shingle", "4", "--time-decay", "0",
                "--seed", "7", "--samples", "64")).isZero();
        assertThat(Files.readAllLines(out.resolve("one.csv"))).hasSize(301);
    }

    @Test
    void badValueNamesTheFlagAndWhatItAccepts() {
        assertThat(run("score", "--in", "x", "--out", "y", "--trees", "many")).isNotZero();
        assertThat(err()).contains("--trees").contains("integer from 1");
    }

    @Test
    void unknownFlagIsRejected() {
        assertThat(run("score", "--in", "x", "--out", "y", "--tress", "5")).isNotZero();
        assertThat(err()).contains("unknown option --tress").contains("--trees");
    }

    @Test
    void negativeTimeDecayIsRejected() {
        assertThat(run("score", "--in", "x", "--out", "y", "--time-decay", "-1")).isNotZero();
        assertThat(err()).contains("--time-decay");
    }

    @Test
    void missingInIsReported() {
        assertThat(run("score", "--out", "y")).isNotZero();
        assertThat(err()).contains("--in is required");
    }

    @Test
    void nonNumericCellIsReportedWithItsLineAndColumn() throws IOException {
        Path f = tmp.resolve("bad.csv");
        Files.writeString(f, "timestamp,v\n1,2\n2,abc\n");
        assertThat(run("--in", f.toString(), "--out", tmp.resolve("o").toString())).isEqualTo(1);
        assertThat(err()).contains("line 3").contains("'v'").contains("abc");
    }

    @Test
    void fileWithoutTimestampColumnIsReported() throws IOException {
        Path f = tmp.resolve("nots.csv");
        Files.writeString(f, "time,v\n1,2\n");
        assertThat(run("--in", f.toString(), "--out", tmp.resolve("o").toString())).isEqualTo(1);
        assertThat(err()).contains("timestamp");
    }
}
