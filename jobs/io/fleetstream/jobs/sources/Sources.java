package io.fleetstream.jobs.sources;

import static io.fleetstream.jobs.config.SourceOptions.FILE_PATH;
import static io.fleetstream.jobs.config.SourceOptions.TYPE;

import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.pipeline.TelemetryPipeline;
import io.fleetstream.model.RawRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The source {@code source.type} names, as raw records with event-time watermarks generated per partition, shard
 * or file.
 */
public final class Sources {
    private Sources() {}

    public static DataStream<RawRecord> create(StreamExecutionEnvironment env, FleetConfig cfg) {
        TypeInformation<RawRecord> type = TypeInformation.of(RawRecord.class);
        switch (cfg.get(TYPE)) {
            case FILE:
                FileSource<RawRecord> files = FileSource.forBulkFileFormat(new NdjsonFormat(),
                        new Path(cfg.get(FILE_PATH))).build();
                return env.fromSource(files, TelemetryPipeline.watermarks(cfg), "ndjson files", type)
                        .uid("source-file");
            case KAFKA:
                return env.fromSource(KafkaSources.create(cfg), TelemetryPipeline.watermarks(cfg), "kafka", type)
                        .uid("source-kafka");
            case KINESIS:
                return env.fromSource(KinesisSources.create(cfg), TelemetryPipeline.watermarks(cfg), "kinesis", type)
                        .uid("source-kinesis");
            case LAKE:
                throw new IllegalStateException("source.type lake is the replay's (ReplaySources): a configuration "
                        + "checked for any other command has none");
            case SIMULATOR:
            default:
                return SimulatorSources.create(env, cfg);
        }
    }
}
