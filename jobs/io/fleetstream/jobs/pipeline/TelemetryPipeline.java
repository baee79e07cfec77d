package io.fleetstream.jobs.pipeline;

import static io.fleetstream.jobs.config.PipelineOptions.ALLOWED_LATENESS;
import static io.fleetstream.jobs.config.PipelineOptions.DEDUP_RETENTION;
import static io.fleetstream.jobs.config.PipelineOptions.DEFAULT_GROUP;
import static io.fleetstream.jobs.config.PipelineOptions.IDLENESS;
import static io.fleetstream.jobs.config.PipelineOptions.MAX_FUTURE;
import static io.fleetstream.jobs.config.PipelineOptions.MAX_RAW_BYTES;
import static io.fleetstream.jobs.config.PipelineOptions.MAX_RECORD_BYTES;
import static io.fleetstream.jobs.config.PipelineOptions.OUT_OF_ORDERNESS;
import static io.fleetstream.jobs.config.PipelineOptions.SLIDING_SIZE;
import static io.fleetstream.jobs.config.PipelineOptions.SLIDING_SLIDE;
import static io.fleetstream.jobs.config.PipelineOptions.STATE_DEVICE_TTL;
import static io.fleetstream.jobs.config.PipelineOptions.STATE_EMIT_INTERVAL;
import static io.fleetstream.jobs.config.PipelineOptions.TUMBLING_SIZE;

import io.fleetstream.jobs.config.AlarmOptions;
import io.fleetstream.jobs.config.AnomalyOptions;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.model.AlarmCommand;
import io.fleetstream.model.AlarmEvent;
import io.fleetstream.model.AnomalyEvent;
import io.fleetstream.model.DeadLetter;
import io.fleetstream.model.DeviceState;
import io.fleetstream.model.RawRecord;
import io.fleetstream.model.Reading;
import io.fleetstream.model.Rollup;
import io.fleetstream.operators.alarm.AlarmInput;
import io.fleetstream.operators.alarm.AlarmOperator;
import io.fleetstream.operators.alarm.fleet.FleetInput;
import io.fleetstream.operators.alarm.rules.Fleet;
import io.fleetstream.operators.alarm.commands.ParseCommandFunction;
import io.fleetstream.operators.alarm.rules.RuleSet;
import io.fleetstream.operators.anomaly.AnomalyOperator;
import io.fleetstream.operators.anomaly.AnomalySettings;
import io.fleetstream.operators.dedup.DedupFunction;
import io.fleetstream.operators.parse.ParseFunction;
import io.fleetstream.operators.parse.ParseSettings;
import io.fleetstream.operators.rollup.Rollups;
import io.fleetstream.operators.rollup.WindowSpec;
import io.fleetstream.operators.state.CurrentStateFunction;
import io.fleetstream.operators.state.CurrentStateOperator;
import io.fleetstream.operators.time.EventTimeStamper;
import io.fleetstream.operators.time.IdleAtEndOfInput;
import io.fleetstream.operators.time.RawRecordWatermarks;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The one assembly of the telemetry path that every job (live, replay, demo, bench, tests) uses: parse and
 * validate, event time, dedup per device, rollups, anomaly scores, alarms, current state. Sources and sinks are the caller's; a source
 * must carry the watermarks of {@link #watermarks(FleetConfig)}.
 */
public final class TelemetryPipeline {
    private TelemetryPipeline() {}

    public static final OutputTag<Reading> LATE_READINGS = new OutputTag<Reading>("late-readings") {};

    public static PipelineStreams build(DataStream<RawRecord> raw, FleetConfig cfg) {
        return build(raw, null, cfg);
    }

    /**
     * @param control records of the alarm control stream (commands on alarms), or null when there is none; they
     *     must carry the same watermarks as {@code raw}, with idleness, so a quiet control stream holds nothing back
     */
    public static PipelineStreams build(DataStream<RawRecord> raw, DataStream<RawRecord> control, FleetConfig cfg) {
        return build(raw, control, cfg, null);
    }

    /**
     * @param keep which parsed readings go on (a replay's window, devices and groups), applied right after parsing
     *     and time stamping, so every operator after it runs as in the live job; null keeps all
     */
    public static PipelineStreams build(DataStream<RawRecord> raw, DataStream<RawRecord> control, FleetConfig cfg,
            FilterFunction<Reading> keep) {
        ParseSettings parse = new ParseSettings(cfg.get(MAX_RECORD_BYTES), cfg.get(MAX_FUTURE).toMillis(),
                cfg.get(MAX_RAW_BYTES), cfg.get(DEFAULT_GROUP));
        SingleOutputStreamOperator<Reading> parsed = raw
                .process(new ParseFunction(parse)).uid("parse").name("parse and validate");
        DataStream<DeadLetter> deadLetters = parsed.getSideOutput(ParseFunction.DEAD_LETTERS);
        RuleSet rules = cfg.get(AlarmOptions.ENABLED) ? AlarmRules.load(cfg) : null;
        boolean fleetRules = rules != null && !Fleet.in(rules).isEmpty();
        DataStream<AlarmCommand> commands = null;
        DataStream<FleetInput> groupCommands = null;
        if (control != null) {
            SingleOutputStreamOperator<AlarmCommand> parsedCommands = control
                    .process(new ParseCommandFunction(cfg.get(MAX_RAW_BYTES), fleetRules))
                    .uid("parse-commands").name("parse alarm commands");
            commands = parsedCommands.transform("commands end of input", parsedCommands.getType(),
                    new IdleAtEndOfInput<>()).uid("commands-end-of-input");
            if (fleetRules) {
                // commands on a group's fleet alarms go to the fleet operator (keyed by group), not by device
                DataStream<FleetInput> forGroups = parsedCommands.getSideOutput(ParseCommandFunction.GROUP_COMMANDS);
                groupCommands = forGroups.transform("fleet commands end of input", forGroups.getType(),
                        new IdleAtEndOfInput<>()).uid("fleet-commands-end-of-input");
            }
            deadLetters = deadLetters.union(parsedCommands.getSideOutput(ParseFunction.DEAD_LETTERS));
        }

        // Before the replay filter: the end-of-input watermark follows everything read, as the live job's did.
        DataStream<Reading> stamped = parsed.transform("event time", parsed.getType(),
                new EventTimeStamper(cfg.get(OUT_OF_ORDERNESS).toMillis())).uid("event-time");
        DataStream<Reading> timed = keep == null ? stamped
                : stamped.filter(keep).uid("replay-filter").name("replay window and devices");

        SingleOutputStreamOperator<Reading> readings = timed.keyBy(new ByDevice())
                .process(new DedupFunction(cfg.get(DEDUP_RETENTION).toMillis()))
                .uid("dedup").name("dedup");

        // Dedup's output is already partitioned by device: reinterpret it instead of shuffling it again, so the
        // windows and the state chain to dedup without serializing every reading three more times.
        KeyedStream<Reading, String> byDevice =
                DataStreamUtils.reinterpretAsKeyedStream(readings, new ByDevice(), Types.STRING);
        SingleOutputStreamOperator<Rollup> rollups = Rollups.sliced(byDevice,
                WindowSpec.tumbling(cfg.get(TUMBLING_SIZE)), slidingWindow(cfg), cfg.get(ALLOWED_LATENESS),
                LATE_READINGS);

        DataStream<AnomalyEvent> anomalies = cfg.get(AnomalyOptions.ENABLED) ? anomalies(byDevice, cfg) : null;

        DataStream<AlarmEvent> alarms = null;
        DataStream<AlarmEvent> alarmOutputs = null;
        if (rules != null) {
            long ttl = cfg.get(AlarmOptions.STATE_TTL).toMillis();
            int cache = cfg.get(AlarmOptions.CACHE_MAX_DEVICES);
            DataStream<AlarmInput> sequences = SequenceAlarms.completions(byDevice, rules, ttl, cache);
            // v3: the alarm inputs waiting for the watermark carry completed sequences (AlarmInput's new fields)
            SingleOutputStreamOperator<AlarmEvent> deviceAlarms = byDevice
                    .connect(alarmInputs(byDevice, anomalies, commands, sequences))
                    .transform("alarms", TypeInformation.of(AlarmEvent.class), new AlarmOperator(rules, ttl, cache))
                    .uid("alarms-v3").name("alarms");
            alarms = deviceAlarms;
            alarmOutputs = FleetAlarms.attach(deviceAlarms, rules, cache, groupCommands);
        }
        DataStream<AlarmEvent> alarmInput = alarms != null ? alarms
                : byDevice.flatMap(new Nothing<Reading, AlarmEvent>())
                        .returns(TypeInformation.of(AlarmEvent.class)).uid("no-alarms").name("no alarms");

        DataStream<DeviceState> state = byDevice.connect(sameDevice(alarmInput, a -> a.deviceId))
                .transform("current state", TypeInformation.of(DeviceState.class),
                        new CurrentStateOperator(new CurrentStateFunction(cfg.get(STATE_EMIT_INTERVAL).toMillis(),
                                cfg.get(STATE_DEVICE_TTL).toMillis())))
                .uid("current-state");

        return new PipelineStreams(readings, deadLetters, rollups, rollups.getSideOutput(LATE_READINGS), state,
                anomalies, alarmOutputs);
    }

    /**
     * The alarm operator's second input: anomalies, operators' commands and completed sequences, keyed by device.
     * All are rare next to readings, so shuffling them costs little.
     */
    private static KeyedStream<AlarmInput, String> alarmInputs(KeyedStream<Reading, String> byDevice,
            DataStream<AnomalyEvent> anomalies, DataStream<AlarmCommand> commands, DataStream<AlarmInput> sequences) {
        TypeInformation<AlarmInput> type = TypeInformation.of(AlarmInput.class);
        DataStream<AlarmInput> inputs = anomalies != null
                ? anomalies.map(AlarmInput::anomaly).returns(type).uid("anomalies-to-alarms").name("anomalies")
                : byDevice.flatMap(new Nothing<Reading, AlarmInput>()).returns(type)
                        .uid("no-anomalies").name("no anomalies");
        if (commands != null) {
            inputs = inputs.union(commands.map(AlarmInput::command).returns(type)
                    .uid("commands-to-alarms").name("alarm commands"));
        }
        if (sequences != null) {
            inputs = inputs.union(sequences);
        }
        return inputs.keyBy(in -> in.deviceId, Types.STRING);
    }

    /**
     * A stream computed by a keyed operator on {@code byDevice} is still partitioned by device: reinterpret it
     * instead of shuffling it to the operator that joins it with the readings.
     */
    private static <T> KeyedStream<T, String> sameDevice(DataStream<T> stream, KeySelector<T, String> device) {
        return DataStreamUtils.reinterpretAsKeyedStream(stream, device, Types.STRING);
    }

    /** The input of a two-input operator whose feature is switched off: typed, empty, keeping the watermarks. */
    static final class Nothing<I, O> implements FlatMapFunction<I, O> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(I value, Collector<O> out) {}
    }

    /** The watermarks every source of raw records must carry (sources generate them per partition). */
    public static WatermarkStrategy<RawRecord> watermarks(FleetConfig cfg) {
        return RawRecordWatermarks.strategy(cfg.get(OUT_OF_ORDERNESS), cfg.get(IDLENESS), cfg.get(MAX_FUTURE));
    }

    /**
     * Anomaly scores, by device (on the device-keyed stream, no shuffle) or by device group (one shuffle). The uid
     * changes with the operator's state layout (v4: pending readings as a list, a watermark floor): a savepoint's
     * older anomaly state is left behind ({@code --allowNonRestoredState}) and models learn again.
     */
    private static DataStream<AnomalyEvent> anomalies(KeyedStream<Reading, String> byDevice, FleetConfig cfg) {
        AnomalySettings settings = anomalySettings(cfg);
        KeyedStream<Reading, String> keyed = settings.byGroup()
                ? byDevice.keyBy(new ByGroup(), Types.STRING) : byDevice;
        return keyed.transform("anomaly", TypeInformation.of(AnomalyEvent.class),
                        new AnomalyOperator(settings, cfg.get(AnomalyOptions.CACHE_MAX_BYTES).getBytes()))
                .uid("anomaly-v4");
    }

    static AnomalySettings anomalySettings(FleetConfig cfg) {
        List<String> metrics = Arrays.stream(cfg.get(AnomalyOptions.METRICS).split(","))
                .map(String::trim).filter(m -> !m.isEmpty()).collect(Collectors.toList());
        boolean byGroup = cfg.get(AnomalyOptions.KEY_BY) == AnomalyOptions.KeyBy.GROUP;
        return new AnomalySettings(metrics, cfg.get(AnomalyOptions.TREES), cfg.get(AnomalyOptions.SAMPLES),
                cfg.get(AnomalyOptions.SHINGLE), cfg.get(AnomalyOptions.RATE), cfg.get(AnomalyOptions.SEED),
                cfg.get(AnomalyOptions.MODEL_TTL).toMillis(), byGroup);
    }

    /** Its slide divides its size: a rule of PipelineOptions. */
    static WindowSpec slidingWindow(FleetConfig cfg) {
        return WindowSpec.sliding(cfg.get(SLIDING_SIZE), cfg.get(SLIDING_SLIDE));
    }

    /** Keyed by device everywhere, so every keyed operator sees all of a device's readings. */
    public static final class ByDevice implements KeySelector<Reading, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(Reading r) {
            return r.deviceId;
        }
    }

    /** Device group of a reading: every reading has one (pipeline.default-group fills it in). */
    static final class ByGroup implements KeySelector<Reading, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(Reading r) {
            return r.deviceGroup;
        }
    }
}
