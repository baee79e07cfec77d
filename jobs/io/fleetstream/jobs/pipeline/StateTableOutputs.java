package io.fleetstream.jobs.pipeline;

import static io.fleetstream.jobs.config.DynamoDbOptions.ACCESS_KEY;
import static io.fleetstream.jobs.config.DynamoDbOptions.BATCH_MAX_DELAY;
import static io.fleetstream.jobs.config.DynamoDbOptions.ENABLED;
import static io.fleetstream.jobs.config.DynamoDbOptions.ENDPOINT;
import static io.fleetstream.jobs.config.DynamoDbOptions.MAX_IN_FLIGHT;
import static io.fleetstream.jobs.config.DynamoDbOptions.REGION;
import static io.fleetstream.jobs.config.DynamoDbOptions.SECRET_KEY;
import static io.fleetstream.jobs.config.DynamoDbOptions.TABLE;

import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.sinks.dynamodb.DeviceStateSink;

/** Writes the devices' current state to the DynamoDB table when {@code state.dynamodb.enabled}. */
public final class StateTableOutputs {
    private StateTableOutputs() {}

    public static final String UID = "dynamodb-device-state";

    /** Adds the sink when enabled; a configuration it cannot run with fails here, before the job starts. */
    public static void attach(PipelineStreams streams, FleetConfig cfg) {
        if (!cfg.get(ENABLED)) {
            return;
        }
        streams.deviceState.sinkTo(sink(cfg)).uid(UID).name("dynamodb device state");
    }

    static DeviceStateSink sink(FleetConfig cfg) {
        DeviceStateSink.Builder b = DeviceStateSink.builder();
        // the table's and endpoint's forms, the table given and the keys both or neither: DynamoDbOptions
        b.table(cfg.get(TABLE));
        b.region(cfg.get(REGION));
        b.endpoint(cfg.get(ENDPOINT));
        b.credentials(cfg.get(ACCESS_KEY), cfg.get(SECRET_KEY));
        return b.maxInFlight(cfg.get(MAX_IN_FLIGHT)).maxBatchDelay(cfg.get(BATCH_MAX_DELAY)).build();
    }
}
