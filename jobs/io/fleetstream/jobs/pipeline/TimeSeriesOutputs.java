package io.fleetstream.jobs.pipeline;

import static io.fleetstream.jobs.config.TimeSeriesOptions.BUCKET;
import static io.fleetstream.jobs.config.TimeSeriesOptions.ENABLED;
import static io.fleetstream.jobs.config.TimeSeriesOptions.ENDPOINT;
import static io.fleetstream.jobs.config.TimeSeriesOptions.MAX_BYTES;
import static io.fleetstream.jobs.config.TimeSeriesOptions.MAX_DELAY;
import static io.fleetstream.jobs.config.TimeSeriesOptions.MAX_IN_FLIGHT;
import static io.fleetstream.jobs.config.TimeSeriesOptions.MAX_POINTS;
import static io.fleetstream.jobs.config.TimeSeriesOptions.ORG;
import static io.fleetstream.jobs.config.TimeSeriesOptions.PRECISION;
import static io.fleetstream.jobs.config.TimeSeriesOptions.READINGS;
import static io.fleetstream.jobs.config.TimeSeriesOptions.RETRY_TIMEOUT;
import static io.fleetstream.jobs.config.TimeSeriesOptions.TOKEN;

import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.sinks.timeseries.LineProtocolSink;
import io.fleetstream.sinks.timeseries.PointWriter;
import io.fleetstream.sinks.timeseries.ReadingPoints;
import io.fleetstream.sinks.timeseries.RollupPoints;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Writes rollups (and optionally raw readings) to the time-series store when {@code timeseries.enabled}. */
public final class TimeSeriesOutputs {
    private TimeSeriesOutputs() {}

    public static void attach(PipelineStreams streams, FleetConfig cfg) {
        if (!cfg.get(ENABLED)) {
            return;
        }
        write(streams.rollups, cfg, new RollupPoints(), "timeseries-rollups", "time-series rollups");
        if (cfg.get(READINGS)) {
            write(streams.readings, cfg, new ReadingPoints(), "timeseries-readings", "time-series readings");
        }
    }

    static <T> void write(DataStream<T> stream, FleetConfig cfg, PointWriter<T> points, String uid, String name) {
        stream.sinkTo(sink(cfg, points)).uid(uid).name(name);
    }

    /**
     * The sink for one record type. The endpoint's form, and endpoint and bucket given: TimeSeriesOptions.
     */
    public static <T> LineProtocolSink<T> sink(FleetConfig cfg, PointWriter<T> points) {
        String endpoint = cfg.get(ENDPOINT);
        String bucket = cfg.get(BUCKET);
        long maxBytes = cfg.get(MAX_BYTES).getBytes();
        LineProtocolSink.Builder<T> builder = LineProtocolSink.<T>builder()
                .endpoint(endpoint)
                .org(cfg.get(ORG))
                .bucket(bucket)
                .token(cfg.get(TOKEN))
                .precision(cfg.get(PRECISION))
                .pointWriter(points)
                .maxBatchSize(cfg.get(MAX_POINTS))
                .maxBatchSizeInBytes(maxBytes)
                .maxRecordSizeInBytes(Math.min(maxBytes, 1L << 20))
                .maxTimeInBufferMS(cfg.get(MAX_DELAY).toMillis())
                .maxInFlightRequests(cfg.get(MAX_IN_FLIGHT))
                .retryTimeout(cfg.get(RETRY_TIMEOUT));
        return builder.build();
    }
}
