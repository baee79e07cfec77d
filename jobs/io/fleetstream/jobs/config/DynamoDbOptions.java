package io.fleetstream.jobs.config;

import io.fleetstream.sinks.dynamodb.DeviceStateSink;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** The current-state table in DynamoDB: one item per device, written with conditional newer-wins updates. */
public final class DynamoDbOptions {
    private DynamoDbOptions() {}

    private static final Specs S = new Specs("Current-state table (DynamoDB)");

    public static final ConfigOption<Boolean> ENABLED = S.bool(ConfigOptions.key("state.dynamodb.enabled")
            .booleanType().defaultValue(false)
            .withDescription("Write every device's current state to a DynamoDB table (state.dynamodb.table), one "
                    + "item per device, updated only by newer states (see README, Current-state table)."));

    public static final ConfigOption<String> TABLE = S.add(ConfigOptions.key("state.dynamodb.table")
            .stringType().noDefaultValue()
            .withDescription("Name of the existing DynamoDB table (partition key deviceId, a string); the job "
                    + "does not create it."), v -> v.isBlank() || DeviceStateSink.Builder.isTable(v),
            "a DynamoDB table name (3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.') or a table ARN");

    public static final ConfigOption<String> REGION = S.text(ConfigOptions.key("state.dynamodb.region")
            .stringType().defaultValue("")
            .withDescription("AWS region of the table; empty: the default region provider chain (AWS_REGION, "
                    + "profile, instance metadata), which on Managed Flink is the application's region."));

    public static final ConfigOption<String> ENDPOINT = S.httpUrl(ConfigOptions.key("state.dynamodb.endpoint")
            .stringType().defaultValue("")
            .withDescription("Endpoint URL overriding the region's, for DynamoDB Local and tests "
                    + "(http://127.0.0.1:8000); empty in production."), "http://127.0.0.1:8000");

    public static final ConfigOption<String> ACCESS_KEY = S.text(ConfigOptions.key("state.dynamodb.access-key")
            .stringType().defaultValue("")
            .withDescription("Static access key id, for tests and DynamoDB Local only (with "
                    + "state.dynamodb.secret-key); empty: the default credentials provider chain, i.e. the IAM "
                    + "role on Managed Flink."));

    public static final ConfigOption<String> SECRET_KEY = S.text(ConfigOptions.key("state.dynamodb.secret-key")
            .stringType().defaultValue("")
            .withDescription("Static secret access key going with state.dynamodb.access-key."));

    public static final ConfigOption<Integer> MAX_IN_FLIGHT = S.atLeast(ConfigOptions.key("state.dynamodb.max-in-flight")
            .intType().defaultValue(50)
            .withDescription("UpdateItem calls in flight at once per sink subtask; more are buffered, then the "
                    + "sink back-pressures."), 1);

    public static final ConfigOption<Duration> BATCH_MAX_DELAY = S.positive(ConfigOptions.key("state.dynamodb.batch.max-delay")
            .durationType().defaultValue(Duration.ofSeconds(1))
            .withDescription("Longest a state waits in the sink's buffer (processing time) before it is written; "
                    + "states of one device buffered together are written once, the newest."));

    static final List<OptionSpec<?>> SPECS = S.list();

    /** A replay writes the table only when asked to. */
    private static final When WRITTEN = When.isTrue(ENABLED).and(When.written(ReplayOptions.WRITE_STATE_TABLE));

    static final List<CrossRule> RULES = S.rules(
            Rules.requiredWhen(TABLE, WRITTEN, "the name of an existing DynamoDB table with partition key deviceId "
                    + "(a string)").in(Command.PIPELINE),
            Rules.together(ACCESS_KEY, SECRET_KEY, "static keys, for tests and DynamoDB Local",
                    "the default credentials chain").when(WRITTEN).in(Command.PIPELINE));
}
