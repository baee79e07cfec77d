package io.fleetstream.anomaly.cli;

import java.nio.file.Path;
import java.nio.file.Paths;

/** Parsed flags of the {@code score} command; every error names the flag and what it accepts. */
final class ScoreOptions {
    static final String USAGE = "usage: score --in <csv file or folder> --out <folder> [--trees N] [--samples N] "
            + "[--shingle N] [--time-decay X] [--seed N]";

    Path in;
    Path out;
    int trees = 50;
    int samples = 256;
    int shingle = 1;
    Double timeDecay;
    long seed = 42;

    static final class BadUsage extends Exception {
        private static final long serialVersionUID = 1L;

        BadUsage(String message) {
            super(message);
        }
    }

    static ScoreOptions parse(String[] args) throws BadUsage {
        ScoreOptions o = new ScoreOptions();
        int i = args.length > 0 && args[0].equals("score") ? 1 : 0;
        for (; i < args.length; i++) {
            String flag = args[i];
            if (!flag.startsWith("--")) {
                throw new BadUsage("unexpected argument '" + flag + "'; " + USAGE);
            }
            String value;
            int eq = flag.indexOf('=');
            if (eq > 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new BadUsage(flag + " needs a value; " + USAGE);
                }
                value = args[++i];
            }
            switch (flag) {
                case "--in":
                    o.in = Paths.get(value);
                    break;
                case "--out":
                    o.out = Paths.get(value);
                    break;
                case "--trees":
                    o.trees = integer(flag, value, 1, 1000);
                    break;
                case "--samples":
                    o.samples = integer(flag, value, 2, 10000);
                    break;
                case "--shingle":
                    o.shingle = integer(flag, value, 1, 256);
                    break;
                case "--time-decay":
                    o.timeDecay = decay(value);
                    break;
                case "--seed":
                    try {
                        o.seed = Long.parseLong(value.trim());
                    } catch (NumberFormatException e) {
                        throw new BadUsage("--seed must be an integer (a 64-bit long), got '" + value + "'");
                    }
                    break;
                default:
                    throw new BadUsage("unknown option " + flag + "; accepted: --in, --out, --trees, --samples, "
                            + "--shingle, --time-decay, --seed");
            }
        }
        if (o.in == null) {
            throw new BadUsage("--in is required: a CSV file or a folder of CSV files; " + USAGE);
        }
        if (o.out == null) {
            throw new BadUsage("--out is required: the folder to write scored CSV files to; " + USAGE);
        }
        return o;
    }

    private static int integer(String flag, String value, int min, int max) throws BadUsage {
        try {
            int v = Integer.parseInt(value.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadUsage(flag + " must be an integer from " + min + " to " + max + ", got '" + value + "'");
    }

    private static double decay(String value) throws BadUsage {
        try {
            double v = Double.parseDouble(value.trim());
            if (v >= 0 && v < 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadUsage("--time-decay must be a number >= 0 and < 1 (e.g. 0.0001; 0 = no decay), got '" + value
                + "'");
    }
}
