package io.fleetstream.jobs.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.StateRecoveryOptions;

/** Outputs and how the job runs. */
public final class RunOptions {
    private RunOptions() {}

    private static final Specs S = new Specs("Outputs and run");

    public static final ConfigOption<String> LAKE_PATH = S.text(ConfigOptions.key("lake.path")
            .stringType().noDefaultValue()
            .withDescription("Root of the Parquet lake: any Flink file system path (file:///..., s3://bucket/prefix)."));

    public static final ConfigOption<String> JOB_NAME = S.text(ConfigOptions.key("job.name")
            .stringType().defaultValue("fleetstream-telemetry").withDescription("Name of the Flink job."));

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = S.positive(ConfigOptions.key("checkpoint.interval")
            .durationType().defaultValue(Duration.ofSeconds(30))
            .withDescription("Checkpoint interval; lake files are committed on checkpoints. A cluster's own "
                    + "execution.checkpointing.interval, where set, is used instead."));

    public static final ConfigOption<String> CHECKPOINT_DIR = S.text(ConfigOptions.key("checkpoint.dir")
            .stringType().noDefaultValue()
            .withDescription("Where checkpoints go (file:///..., s3://...). Checkpoints there are kept when the job "
                    + "is cancelled or fails, so a run can resume from them. Default: the cluster's "
                    + "state.checkpoints.dir; when run in-process, a temporary local folder."));

    public static final ConfigOption<Duration> PROGRESS_INTERVAL = S.nonNegativeDuration(
            ConfigOptions.key("progress.interval").durationType().defaultValue(Duration.ofSeconds(10))
                    .withDescription("How often a telemetry run in this process (./fleetstream) prints a progress "
                            + "line: records read, and rows written per table. 0 s: never. On a cluster Flink's web "
                            + "UI and metrics show progress instead."));

    public static final ConfigOption<Boolean> RESUME = S.bool(ConfigOptions.key("resume")
            .booleanType().defaultValue(false)
            .withDescription("Start from the newest complete checkpoint under checkpoint.dir (a chk-N folder with a "
                    + "_metadata file, newest by when that file was written) instead of afresh, and say which; "
                    + "fails when there is none. Needs checkpoint.dir; for a savepoint or another checkpoint use "
                    + "flink.execution.savepoint.path instead. On the command line --resume alone means true."));

    public static final ConfigOption<Duration> BENCH_DURATION = S.positive(ConfigOptions.key("bench.duration")
            .durationType().defaultValue(Duration.ofSeconds(30))
            .withDescription("bench: how long each of the two jobs is measured."));

    public static final ConfigOption<Duration> BENCH_WARMUP = S.nonNegativeDuration(ConfigOptions.key("bench.warmup")
            .durationType().defaultValue(Duration.ofSeconds(10))
            .withDescription("bench: how long each job runs before it is measured."));

    /** The state backends a local bench can measure; RocksDB is what Managed Flink runs. */
    public enum BenchBackend { HASHMAP, ROCKSDB }

    public static final ConfigOption<BenchBackend> BENCH_STATE_BACKEND = S.oneOf(
            ConfigOptions.key("bench.state-backend").enumType(BenchBackend.class).defaultValue(BenchBackend.ROCKSDB)
                    .withDescription("bench: the state backend of the measured pipeline. rocksdb (with incremental "
                            + "checkpoints) is the production configuration, and the only one Managed Flink runs; "
                            + "hashmap keeps all state on the heap."), BenchBackend.class);

    public enum SimulateTarget { FILE, KAFKA, KINESIS }

    public static final ConfigOption<SimulateTarget> SIMULATE_TO = S.oneOf(ConfigOptions.key("simulate.to")
            .enumType(SimulateTarget.class).defaultValue(SimulateTarget.FILE)
            .withDescription("simulate: write NDJSON files (simulate.path), to Kafka "
                    + "(source.kafka.bootstrap-servers, first of source.kafka.topics) or to Kinesis "
                    + "(source.kinesis.stream-arn, with the source's endpoint and credentials), keyed by device."),
            SimulateTarget.class);

    public static final ConfigOption<String> SIMULATE_PATH = S.text(ConfigOptions.key("simulate.path")
            .stringType().defaultValue("simulated")
            .withDescription("simulate: local folder for the NDJSON file and, unless simulator.ground-truth is set, "
                    + "ground-truth.csv."));

    static final List<OptionSpec<?>> SPECS = S.list();

    /** Flink's restore path, as given with the flink. prefix (under its current key or an older one). */
    private static final ConfigOption<String> SAVEPOINT_PATH = ConfigOptions
            .key(FleetOptions.FLINK_PREFIX + StateRecoveryOptions.SAVEPOINT_PATH.key()).stringType().noDefaultValue()
            .withFallbackKeys(flinkFallbackKeys(StateRecoveryOptions.SAVEPOINT_PATH));

    private static final Set<Command> RESUMABLE = EnumSet.of(Command.TELEMETRY, Command.REPLAY, Command.DEMO);

    static final List<CrossRule> RULES = S.rules(
            Rules.required(LAKE_PATH, "the root of the Parquet lake (file:///..., s3://bucket/prefix)")
                    .in(Command.TELEMETRY),
            Rules.exclusive(RESUME, SAVEPOINT_PATH, RESUME.key() + " restores the newest complete checkpoint under "
                    + CHECKPOINT_DIR.key() + ", the restore path the one it names: give one of them").in(RESUMABLE),
            Rules.requiredWhen(CHECKPOINT_DIR, When.isTrue(RESUME), "the folder whose newest complete checkpoint "
                    + "the run resumes from").in(RESUMABLE),
            // The checkpoint keeps how far the generator got, not the clock its default start was taken from: a
            // resumed run would go on from there in another stretch of event time.
            Rules.requiredWhen(SimulatorOptions.START, When.isTrue(RESUME)
                            .and(When.is(SourceOptions.TYPE, SourceOptions.SourceType.SIMULATOR)),
                    "the start the interrupted run was given, so the resumed run goes on with the same readings")
                    .in(Command.TELEMETRY, Command.DEMO),
            Rules.expect(RESUME, false, When.always(), "with bench, which measures two different jobs, each from "
                    + "its start").in(Command.BENCH),
            Rules.requiredWhen(SourceOptions.KAFKA_BOOTSTRAP, When.is(SIMULATE_TO, SimulateTarget.KAFKA),
                    "the Kafka bootstrap servers (host:port,...) to write to").in(Command.SIMULATE),
            Rules.requiredWhen(KinesisSourceOptions.STREAM_ARN, When.is(SIMULATE_TO, SimulateTarget.KINESIS),
                    AwsNames.STREAM_ARN_EXAMPLE).in(Command.SIMULATE));

    private static String[] flinkFallbackKeys(ConfigOption<?> option) {
        List<String> keys = new ArrayList<>();
        for (FallbackKey k : option.fallbackKeys()) {
            keys.add(FleetOptions.FLINK_PREFIX + k.getKey());
        }
        return keys.toArray(new String[0]);
    }
}
