package io.fleetstream.jobs.sources;

import static io.fleetstream.jobs.config.KinesisSourceOptions.STREAM_ARN;
import static io.fleetstream.jobs.config.SourceOptions.KAFKA_GROUP;
import static io.fleetstream.jobs.config.SourceOptions.TYPE;

import io.fleetstream.connectors.kinesis.source.KinesisSource;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.RunOptions;
import io.fleetstream.jobs.internal.KinesisClientProperties;
import io.fleetstream.jobs.internal.StreamArn;
import io.fleetstream.jobs.pipeline.TelemetryPipeline;
import io.fleetstream.jobs.replay.ReplaySettings;
import io.fleetstream.model.RawRecord;
import io.fleetstream.replay.kinesis.KinesisReplaySource;
import io.fleetstream.replay.lake.LakeReplaySource;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The bounded sources of a replay, chosen by {@code source.type}: a Kinesis or Kafka window by arrival time (the
 * event-time window widened by {@code replay.margin}), the lake's readings for the event-time window, or NDJSON
 * files. Each carries the live job's watermarks.
 */
public final class ReplaySources {
    private ReplaySources() {}

    public static DataStream<RawRecord> create(StreamExecutionEnvironment env, FleetConfig cfg, ReplaySettings s) {
        TypeInformation<RawRecord> type = TypeInformation.of(RawRecord.class);
        switch (cfg.get(TYPE)) {
            case LAKE:
                LakeReplaySource lake = LakeReplaySource.builder()
                        .lakePath(cfg.get(RunOptions.LAKE_PATH))
                        .from(s.from).to(s.to).deviceGroups(s.groups).devices(s.devices).build();
                return env.fromSource(lake, TelemetryPipeline.watermarks(cfg), "lake readings", type)
                        .uid("source-lake");
            case KAFKA:
                return env.fromSource(KafkaSources.window(cfg, s.readFrom().toEpochMilli(), s.readTo().toEpochMilli(),
                                groupId(cfg, s)), TelemetryPipeline.watermarks(cfg), "kafka", type)
                        .uid("source-kafka");
            case KINESIS:
                return env.fromSource(kinesis(cfg, s), TelemetryPipeline.watermarks(cfg), "kinesis", type)
                        .uid("source-kinesis");
            case FILE:
                return Sources.create(env, cfg);
            case SIMULATOR:
            default:
                throw new IllegalStateException("no replay source for source.type " + cfg.get(TYPE)
                        + ": a configuration checked for replay has none other");
        }
    }

    /** The alarm control topic for the same arrival-time window, or null when alarms.control.type is none. */
    public static DataStream<RawRecord> control(StreamExecutionEnvironment env, FleetConfig cfg, ReplaySettings s) {
        return ControlSources.window(env, cfg, s.readFrom().toEpochMilli(), s.readTo().toEpochMilli(),
                groupId(cfg, s) + "-alarm-control");
    }

    /** The one place the bounded Kinesis source is wired; it polls (the options' rules refuse efo for replay). */
    static KinesisSource<RawRecord> kinesis(FleetConfig cfg, ReplaySettings s) {
        StreamArn arn = StreamArn.parse(cfg.get(STREAM_ARN), STREAM_ARN.key());
        return KinesisReplaySource.builder()
                .streamArn(arn.arn())
                .from(s.readFrom())
                .to(s.readTo())
                .clientProperties(KinesisClientProperties.properties(cfg, KinesisSources.region(cfg, arn)))
                .build();
    }

    /** Its own consumer group, so a replay never moves the live job's committed offsets. */
    private static String groupId(FleetConfig cfg, ReplaySettings s) {
        return cfg.get(KAFKA_GROUP) + "-" + s.runId;
    }
}
