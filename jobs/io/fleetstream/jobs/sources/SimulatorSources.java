package io.fleetstream.jobs.sources;

import static io.fleetstream.jobs.config.SimulatorOptions.RATE;

import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.pipeline.TelemetryPipeline;
import io.fleetstream.jobs.simulator.FleetSimulator;
import io.fleetstream.model.RawRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * The simulated fleet as a FLIP-27 source. Index {@code i} is device {@code i % devices} in round
 * {@code i / devices}, so the fleet advances through event time together. The generator runs in one subtask
 * (the index range would otherwise be split into far-apart stretches of event time) and is fast enough for that;
 * records are spread over the parallel parsers right after it, by device: each device's readings then reach the
 * keyed operators in the order the simulator made them. Spread round-robin, two parsers would race and reorder a
 * device's readings differently in every run (and after every restore): other window revisions, other last bits
 * of a running variance, for the same fleet.
 */
public final class SimulatorSources {
    private SimulatorSources() {}

    public static DataStream<RawRecord> create(StreamExecutionEnvironment env, FleetConfig cfg) {
        FleetSimulator simulator = Simulators.create(cfg);
        Simulators.writeGroundTruth(cfg, simulator);
        double rate = cfg.get(RATE);
        DataGeneratorSource<SimulatorBatch> source = new DataGeneratorSource<>(
                new Generator(simulator), simulator.rounds() * simulator.devices(),
                rate > 0 ? RateLimiterStrategy.perSecond(rate) : RateLimiterStrategy.noOp(),
                TypeInformation.of(SimulatorBatch.class));
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "simulator")
                .setParallelism(1).uid("source-simulator")
                .flatMap(new Unbatch()).returns(TypeInformation.of(RawRecord.class))
                .setParallelism(1).uid("simulator-records").name("simulator records")
                .assignTimestampsAndWatermarks(TelemetryPipeline.watermarks(cfg))
                .setParallelism(1).uid("simulator-watermarks").name("simulator watermarks")
                .partitionCustom((device, parsers) -> Math.floorMod(device.hashCode(), parsers),
                        SimulatorSources::deviceOf);
    }

    /** The device of a simulator record, from its source: {@code simulator:<device>/<round>/<i>}. */
    static String deviceOf(RawRecord r) {
        int start = r.source.indexOf(':') + 1;
        int end = r.source.indexOf('/', start);
        return end < 0 ? r.source : r.source.substring(start, end);
    }

    static final class Generator implements GeneratorFunction<Long, SimulatorBatch> {
        private static final long serialVersionUID = 1L;
        private final FleetSimulator simulator;

        Generator(FleetSimulator simulator) {
            this.simulator = simulator;
        }

        @Override
        public SimulatorBatch map(Long index) {
            int device = (int) (index % simulator.devices());
            long round = index / simulator.devices();
            List<byte[]> payloads = new ArrayList<>(2);
            simulator.payloads(round, device, payloads::add);
            SimulatorBatch b = new SimulatorBatch();
            b.deviceId = simulator.deviceId(device);
            b.round = round;
            b.ingestTime = simulator.timestamp(round, device);
            b.payloads = payloads.toArray(new byte[0][]);
            return b;
        }
    }

    static final class Unbatch implements FlatMapFunction<SimulatorBatch, RawRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(SimulatorBatch b, Collector<RawRecord> out) {
            for (int i = 0; i < b.payloads.length; i++) {
                out.collect(new RawRecord(b.payloads[i], "simulator:" + b.deviceId + "/" + b.round + "/" + i,
                        b.ingestTime));
            }
        }
    }
}
