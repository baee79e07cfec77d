package io.fleetstream.sinks.timeseries.internal;

import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.connector.base.sink.writer.strategy.RateLimitingStrategy;
import org.apache.flink.connector.base.sink.writer.strategy.RequestInfo;
import org.apache.flink.connector.base.sink.writer.strategy.ResultInfo;

/**
 * At most {@code maxInFlight} requests at once, each of full batches. Flink's default strategy (AIMD) starts with
 * one batch's worth of points in flight and grows by ten points per request, far too slowly for batches of
 * thousands of points; a failing store is already handled by the writer's backoff.
 */
public final class InFlightLimit implements RateLimitingStrategy {
    private final int maxInFlight;
    private final int maxBatchSize;
    private int inFlight;

    InFlightLimit(int maxInFlight, int maxBatchSize) {
        this.maxInFlight = maxInFlight;
        this.maxBatchSize = maxBatchSize;
    }

    /** A writer's configuration with this strategy. */
    public static AsyncSinkWriterConfiguration configuration(int maxBatchSize, int maxInFlight, int maxBuffered,
            long maxBatchBytes, long maxTimeInBufferMs, long maxRecordBytes) {
        return AsyncSinkWriterConfiguration.builder()
                .setMaxBatchSize(maxBatchSize)
                .setMaxBatchSizeInBytes(maxBatchBytes)
                .setMaxInFlightRequests(maxInFlight)
                .setMaxBufferedRequests(maxBuffered)
                .setMaxTimeInBufferMS(maxTimeInBufferMs)
                .setMaxRecordSizeInBytes(maxRecordBytes)
                .setRateLimitingStrategy(new InFlightLimit(maxInFlight, maxBatchSize))
                .build();
    }

    @Override
    public void registerInFlightRequest(RequestInfo requestInfo) {
        inFlight++;
    }

    @Override
    public void registerCompletedRequest(ResultInfo resultInfo) {
        inFlight--;
    }

    @Override
    public boolean shouldBlock(RequestInfo requestInfo) {
        return inFlight >= maxInFlight;
    }

    @Override
    public int getMaxBatchSize() {
        return maxBatchSize;
    }
}
