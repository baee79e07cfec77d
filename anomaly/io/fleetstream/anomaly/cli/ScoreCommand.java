package io.fleetstream.anomaly.cli;

import io.fleetstream.anomaly.AnomalyDetector;
import io.fleetstream.anomaly.Result;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The {@code score} command: anomaly scores for CSV files, no Flink. Every input CSV has a {@code timestamp}
 * column and numeric columns, all of which are the detector's inputs; the output CSV, at the same relative
 * path under {@code --out}, repeats each input row and adds {@code anomaly_score}, {@code grade} and
 * {@code rcf_score}. Rows are scored in file order, each before the model learns it; each file gets its own
 * model. Outside tools rely on these columns.
 */
public final class ScoreCommand {
    private ScoreCommand() {
    }

    /** Returns 0 on success, 2 for bad usage, 1 when a file cannot be read, parsed or written. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        ScoreOptions o;
        try {
            o = ScoreOptions.parse(args);
        } catch (ScoreOptions.BadUsage e) {
            err.println("score: " + e.getMessage());
            return 2;
        }
        if (!Files.exists(o.in)) {
            err.println("score: --in " + o.in + " does not exist (expected a CSV file or a folder of CSV files)");
            return 2;
        }
        List<Path> files;
        Path base;
        try {
            if (Files.isDirectory(o.in)) {
                base = o.in;
                Path outAbs = o.out.toAbsolutePath().normalize();
                try (Stream<Path> s = Files.walk(o.in)) {
                    files = s.filter(Files::isRegularFile)
                            .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                            .filter(p -> !p.toAbsolutePath().normalize().startsWith(outAbs))
                            .sorted().collect(Collectors.toList());
                }
            } else {
                base = o.in.toAbsolutePath().getParent();
                files = List.of(o.in.toAbsolutePath());
            }
        } catch (IOException | UncheckedIOException e) {
            err.println("score: cannot list --in " + o.in + ": " + e.getMessage());
            return 1;
        }
        if (files.isEmpty()) {
            err.println("score: no .csv files under --in " + o.in);
            return 2;
        }
        long rows = 0;
        for (Path f : files) {
            Path target = o.out.resolve(base.relativize(f).toString());
            try {
                rows += scoreFile(f, target, o);
            } catch (BadFile e) {
                err.println("score: " + f + ": " + e.getMessage());
                return 1;
            } catch (IOException | UncheckedIOException e) {
                err.println("score: " + f + ": " + e);
                return 1;
            }
        }
        out.printf(Locale.ROOT, "score: %d file(s), %d row(s) scored into %s%n", files.size(), rows, o.out);
        return 0;
    }

    static final class BadFile extends Exception {
        private static final long serialVersionUID = 1L;

        BadFile(String message) {
            super(message);
        }
    }

    private static long scoreFile(Path in, Path target, ScoreOptions o) throws IOException, BadFile {
        try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new BadFile("empty file (expected a header with a timestamp column)");
            }
            header = stripBom(stripCr(header));
            List<String> names = CsvLine.split(header);
            int ts = -1;
            List<Integer> inputs = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).trim().equalsIgnoreCase("timestamp")) {
                    ts = i;
                } else {
                    inputs.add(i);
                }
            }
            if (ts < 0) {
                throw new BadFile("no 'timestamp' column in header '" + header + "'");
            }
            if (inputs.isEmpty()) {
                throw new BadFile("no numeric columns besides 'timestamp'");
            }
            AnomalyDetector.Builder b = AnomalyDetector.builder().inputs(inputs.size()).numberOfTrees(o.trees)
                    .sampleSize(o.samples).shingleSize(o.shingle).seed(o.seed);
            if (o.timeDecay != null) {
                b.timeDecay(o.timeDecay);
            }
            AnomalyDetector d = b.build();
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            long n = 0;
            try (BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                w.write(header);
                w.write(",anomaly_score,grade,rcf_score\n");
                double[] x = new double[inputs.size()];
                String line;
                int lineNo = 1;
                while ((line = r.readLine()) != null) {
                    lineNo++;
                    line = stripCr(line);
                    if (line.isEmpty()) {
                        continue;
                    }
                    List<String> cells = CsvLine.split(line);
                    if (cells.size() != names.size()) {
                        throw new BadFile("line " + lineNo + " has " + cells.size() + " fields, the header has "
                                + names.size());
                    }
                    for (int i = 0; i < x.length; i++) {
                        String cell = cells.get(inputs.get(i)).trim();
                        try {
                            x[i] = Double.parseDouble(cell);
                        } catch (NumberFormatException e) {
                            x[i] = Double.NaN;
                        }
                        if (!Double.isFinite(x[i])) {
                            throw new BadFile("line " + lineNo + ", column '" + names.get(inputs.get(i))
                                    + "': not a finite number: '" + cell + "'");
                        }
                    }
                    Result res = d.process(x);
                    w.write(line);
                    w.write(',');
                    w.write(format(res.anomalyScore()));
                    w.write(',');
                    w.write(format(res.grade()));
                    w.write(',');
                    w.write(format(res.score()));
                    w.write('\n');
                    n++;
                }
            }
            return n;
        }
    }

    private static String format(double v) {
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
