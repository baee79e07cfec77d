package io.fleetstream.sinks.dynamodb;

import io.fleetstream.compat.AsyncSinkCompat;
import io.fleetstream.model.DeviceState;
import io.fleetstream.sinks.dynamodb.internal.DeviceStateWriter;
import io.fleetstream.sinks.dynamodb.internal.DeviceUpdate;
import io.fleetstream.sinks.dynamodb.internal.DeviceUpdateConverter;
import io.fleetstream.sinks.dynamodb.internal.DeviceUpdateStateSerializer;
import io.fleetstream.sinks.dynamodb.internal.DeviceUpdates;
import io.fleetstream.sinks.dynamodb.internal.DynamoDbClients;
import io.fleetstream.sinks.dynamodb.internal.SinkSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes device states to a DynamoDB table, one item per device ({@code deviceId} partition key), with
 * conditional UpdateItems that only replace an older state: retries, replays and out-of-order input never move a
 * device backwards, and at-least-once delivery becomes idempotent. States of one device buffered together are
 * written once, the newest. The table must exist; the sink never creates it.
 *
 * <pre>{@code
 * stream.sinkTo(DeviceStateSink.builder().table("fleet-device-state").region("eu-west-1").build());
 * }</pre>
 */
public final class DeviceStateSink extends AsyncSinkCompat<DeviceState, DeviceUpdate> {
    private static final long serialVersionUID = 1L;

    /** States per batch: enough for coalescing to find a busy device's repeats, small enough to retry. */
    static final int MAX_BATCH_SIZE = 500;
    /** Batches in flight; the writer's own bound on UpdateItem calls is what limits DynamoDB's load. */
    static final int MAX_BATCHES_IN_FLIGHT = 4;
    static final int MAX_BUFFERED = 10 * MAX_BATCH_SIZE;
    static final long MAX_BATCH_BYTES = 8L * 1024 * 1024;

    private final SinkSettings settings;

    private DeviceStateSink(SinkSettings settings) {
        super(new DeviceUpdateConverter(), MAX_BATCH_SIZE, MAX_BATCHES_IN_FLIGHT, MAX_BUFFERED, MAX_BATCH_BYTES,
                settings.maxBatchDelayMillis, DeviceUpdates.MAX_ITEM_BYTES);
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public DeviceStateWriter createWriter(WriterInitContext context) {
        return restoreWriter(context, Collections.emptyList());
    }

    @Override
    public DeviceStateWriter restoreWriter(WriterInitContext context,
            Collection<BufferedRequestState<DeviceUpdate>> recovered) {
        return new DeviceStateWriter(getElementConverter(), context, writerConfiguration(), recovered, settings,
                DynamoDbClients::create);
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<DeviceUpdate>> getWriterStateSerializer() {
        return new DeviceUpdateStateSerializer();
    }

    /** Builds a {@link DeviceStateSink}; only the table is required. Setters reject bad values at once. */
    public static final class Builder {
        // Names, or ARNs, as DynamoDB accepts them.
        private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}|arn:\\S+");

        private String table;
        private String region = "";
        private String endpoint = "";
        private String accessKey = "";
        private String secretKey = "";
        private int maxInFlight = 50;
        private Duration maxBatchDelay = Duration.ofSeconds(1);

        private Builder() {}

        /** Whether {@link #table} takes this value: a DynamoDB table name or a table ARN. */
        public static boolean isTable(String table) {
            return table != null && TABLE_NAME.matcher(table).matches();
        }

        /** Name (or ARN) of an existing table whose partition key is {@code deviceId}, a string. */
        public Builder table(String table) {
            if (!isTable(table)) {
                throw new IllegalArgumentException("expected a DynamoDB table name (3 to 255 characters of a-z, "
                        + "A-Z, 0-9, '_', '-' and '.') or a table ARN, got '" + table + "'");
            }
            this.table = table;
            return this;
        }

        /** Empty or not called: the default region provider chain. */
        public Builder region(String region) {
            this.region = Objects.requireNonNullElse(region, "").trim();
            return this;
        }

        /** An endpoint URL instead of the region's, e.g. DynamoDB Local's; empty: the region's. */
        public Builder endpoint(String endpoint) {
            String e = Objects.requireNonNullElse(endpoint, "").trim();
            if (!e.isEmpty()) {
                URI uri;
                try {
                    uri = URI.create(e);
                } catch (IllegalArgumentException bad) {
                    uri = null;
                }
                if (uri == null || uri.getHost() == null
                        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                    throw new IllegalArgumentException("expected an http:// or https:// URL with a host, got '" + e + "'");
                }
            }
            this.endpoint = e;
            return this;
        }

        /** Static keys (tests, DynamoDB Local); both empty or not called: the default credentials chain. */
        public Builder credentials(String accessKey, String secretKey) {
            String a = Objects.requireNonNullElse(accessKey, "");
            String s = Objects.requireNonNullElse(secretKey, "");
            if (a.isEmpty() != s.isEmpty()) {
                throw new IllegalArgumentException("an access key and a secret key go together: give both or neither");
            }
            this.accessKey = a;
            this.secretKey = s;
            return this;
        }

        /** UpdateItem calls in flight at once per sink subtask (default 50). */
        public Builder maxInFlight(int maxInFlight) {
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("expected at least 1 call in flight, got " + maxInFlight);
            }
            this.maxInFlight = maxInFlight;
            return this;
        }

        /** Longest a state waits in the buffer before it is written (default 1 s). */
        public Builder maxBatchDelay(Duration maxBatchDelay) {
            if (maxBatchDelay == null || maxBatchDelay.toMillis() < 1) {
                throw new IllegalArgumentException("expected a batch delay of at least 1 ms, got " + maxBatchDelay);
            }
            this.maxBatchDelay = maxBatchDelay;
            return this;
        }

        public DeviceStateSink build() {
            if (table == null) {
                throw new IllegalStateException("the DynamoDB table is required");
            }
            return new DeviceStateSink(new SinkSettings(table, region, endpoint, accessKey, secretKey, maxInFlight,
                    maxBatchDelay.toMillis()));
        }
    }
}
