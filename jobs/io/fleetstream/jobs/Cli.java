package io.fleetstream.jobs;

import io.fleetstream.jobs.commands.BenchCommand;
import io.fleetstream.jobs.commands.DemoCommand;
import io.fleetstream.jobs.commands.ReplayCommand;
import io.fleetstream.jobs.commands.RulesCommand;
import io.fleetstream.jobs.commands.SimulateCommand;
import io.fleetstream.jobs.config.Command;
import io.fleetstream.jobs.config.ConfigException;
import io.fleetstream.jobs.config.ConfigLoader;
import io.fleetstream.jobs.internal.FailureCause;
import java.util.Arrays;

/** {@code fleetstream <command> [--key value ...]}: the entry point of the jar, on a cluster and locally. */
public final class Cli {
    private Cli() {}

    static final String USAGE = String.join("\n",
            "usage: fleetstream <command> [--key value ...] [--config file]",
            "",
            "commands:",
            "  telemetry  the live job: source -> parse, dedup, rollups, current state -> Parquet lake",
            "  replay     a window of history through the same pipeline, to the run's own lake, with a report:",
            "             replay --source.type kinesis|kafka|lake --replay.from <instant> --replay.to <instant>",
            "  simulate   write a simulated device fleet to NDJSON files, a Kafka topic or a Kinesis stream",
            "  demo       the whole pipeline on the simulator, in-process, with progress and a summary",
            "  bench      pipeline throughput (RocksDB, anomaly on: as in production) against a bare keyed pass-through",
            "  score      anomaly scores for CSV files (no Flink): score --in <csv|dir> --out <dir>",
            "  rules      check an alarm rules file as the job reads it, or explain what applies to a device group:",
            "             rules check <file>  |  rules explain <file> --device-group <group>  (no file: built-in)",
            "",
            "Options are listed in README.md (configuration reference).");

    public static void main(String[] args) throws Exception {
        int code = run(args);
        // Success returns instead of exiting: under `flink run` in application mode (and on Managed Flink) main
        // runs inside the JobManager, which an exit would take down with it.
        if (code != 0) {
            System.exit(code);
        }
    }

    public static int run(String[] args) throws Exception {
        if (args.length == 0 && ConfigLoader.onManagedFlink()) {
            args = new String[] {"telemetry"};
        }
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (command) {
                case "telemetry":
                    TelemetryJob.run(ConfigLoader.load(Command.TELEMETRY, rest));
                    return 0;
                case "replay":
                    return ReplayCommand.run(ConfigLoader.load(Command.REPLAY, rest), System.out);
                case "simulate":
                    return SimulateCommand.run(ConfigLoader.load(Command.SIMULATE, rest), System.out);
                case "demo":
                    return DemoCommand.run(rest, System.out);
                case "bench":
                    return BenchCommand.run(ConfigLoader.load(Command.BENCH, rest), System.out);
                case "score":
                    return io.fleetstream.anomaly.cli.ScoreCommand.run(rest, System.out, System.err);
                case "rules":
                    return RulesCommand.run(rest, System.out, System.err);
                default:
                    System.err.println("unknown command '" + command + "'\n\n" + USAGE);
                    return 2;
            }
        } catch (ConfigException e) {
            System.err.println("fleetstream " + command + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            // The job's own cause, on one line, last: the stack trace goes to the log, above it.
            org.slf4j.LoggerFactory.getLogger(Cli.class).error("fleetstream {} failed", command, e);
            System.err.println("fleetstream " + command + " failed: " + FailureCause.describe(e));
            return 1;
        }
    }
}
