package io.fleetstream.anomaly.bench;

import com.amazon.randomcutforest.RandomCutForest;
import io.fleetstream.anomaly.AnomalyDetector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes NAB results ({@code <results>/<name>/<category>/<name>_<file>.csv} with {@code timestamp,anomaly_score},
 * one row per input row, each row scored before the model learns it) for the reference and for ours; score
 * them with {@code python3 ../shared/tools/nab_score.py <nab> <results> <name>...}.
 *
 * <p>Usage: {@code NabRunner <nab-root> <results-root> <spec>...}, a spec being
 * {@code name:kind[,key=value...]} with kind {@code ref} (randomcutforest-core raw score), {@code raw} (our
 * raw score) or {@code ours} (our anomaly_score), keys {@code trees, samples, shingle, decay, seed, norm}
 * ({@code max}: score / running max, the default; {@code squash}: score / (score + 1)) and, for {@code ours},
 * {@code rate, horizon, tol} (else the shipped defaults).
 */
public final class NabRunner {

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: NabRunner <nab-root> <results-root> <name:kind[,key=value...]>...");
            System.exit(2);
        }
        Path nab = Paths.get(args[0]);
        Path results = Paths.get(args[1]);
        List<Path> files;
        try (Stream<Path> s = Files.walk(nab.resolve("data"))) {
            files = s.filter(p -> p.toString().endsWith(".csv")).sorted().collect(Collectors.toList());
        }
        for (int a = 2; a < args.length; a++) {
            String[] nameKind = args[a].split(":", 2);
            String name = nameKind[0];
            String[] parts = nameKind[1].split(",");
            String kind = parts[0];
            Map<String, String> opt = new HashMap<>();
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                opt.put(kv[0], kv[1]);
            }
            long t0 = System.nanoTime();
            long rows = 0;
            for (Path f : files) {
                rows += runFile(f, results.resolve(name).resolve(f.getParent().getFileName().toString())
                        .resolve(name + "_" + f.getFileName()), kind, opt);
            }
            System.out.printf(Locale.ROOT, "%s (%s): %d files, %d rows, %.1f s%n", name, args[a], files.size(), rows,
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    interface Scorer {
        double next(double value);
    }

    static Scorer scorer(String kind, Map<String, String> o) {
        int trees = Integer.parseInt(o.getOrDefault("trees", "50"));
        int samples = Integer.parseInt(o.getOrDefault("samples", "256"));
        int shingle = Integer.parseInt(o.getOrDefault("shingle", "1"));
        long seed = Long.parseLong(o.getOrDefault("seed", "42"));
        String decay = o.get("decay");
        boolean squash = "squash".equals(o.getOrDefault("norm", "max"));
        double[] max = {0};
        java.util.function.DoubleUnaryOperator norm = s -> {
            if (squash) {
                return s / (s + 1);
            }
            max[0] = Math.max(max[0], s);
            return max[0] > 0 ? s / max[0] : 0;
        };
        switch (kind) {
            case "ref": {
                RandomCutForest.Builder<?> b = RandomCutForest.builder().dimensions(shingle).shingleSize(shingle)
                        .internalShinglingEnabled(true).numberOfTrees(trees).sampleSize(samples).randomSeed(seed);
                if (decay != null) {
                    b.timeDecay(Double.parseDouble(decay));
                }
                RandomCutForest f = b.build();
                return v -> {
                    double[] x = {v};
                    double s = f.getAnomalyScore(x);
                    f.update(x);
                    return norm.applyAsDouble(s);
                };
            }
            case "raw":
            case "ours": {
                AnomalyDetector.Builder b = AnomalyDetector.builder().numberOfTrees(trees).sampleSize(samples)
                        .shingleSize(shingle).seed(seed);
                if (decay != null) {
                    b.timeDecay(Double.parseDouble(decay));
                }
                if (o.containsKey("rate")) {
                    b.anomalyRate(Double.parseDouble(o.get("rate")));
                }
                if (o.containsKey("horizon")) {
                    b.scoreHorizon(Double.parseDouble(o.get("horizon")));
                }
                if (o.containsKey("tol")) {
                    b.relativeTolerance(Double.parseDouble(o.get("tol")));
                }
                AnomalyDetector d = b.build();
                boolean raw = kind.equals("raw");
                return v -> {
                    io.fleetstream.anomaly.Result r = d.process(new double[] {v});
                    return raw ? norm.applyAsDouble(r.score()) : r.anomalyScore();
                };
            }
            default:
                throw new IllegalArgumentException("kind must be ref, raw or ours, got " + kind);
        }
    }

    static long runFile(Path in, Path out, String kind, Map<String, String> opt) throws IOException {
        Files.createDirectories(out.getParent());
        Scorer s = scorer(kind, opt);
        long n = 0;
        try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8);
                PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            r.readLine();
            w.println("timestamp,anomaly_score");
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                int c = line.indexOf(',');
                double v = Double.parseDouble(line.substring(c + 1).trim());
                w.println(line.substring(0, c) + "," + s.next(v));
                n++;
            }
        }
        return n;
    }

    private NabRunner() {
    }
}
