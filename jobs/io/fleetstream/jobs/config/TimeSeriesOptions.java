package io.fleetstream.jobs.config;

import io.fleetstream.sinks.timeseries.Precision;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/** The time-series store: InfluxDB line protocol over HTTP (Timestream for InfluxDB, InfluxDB 2/3, QuestDB). */
public final class TimeSeriesOptions {
    private TimeSeriesOptions() {}

    private static final Specs S = new Specs("Time-series store");

    public static final ConfigOption<Boolean> ENABLED = S.bool(ConfigOptions.key("timeseries.enabled")
            .booleanType().defaultValue(false)
            .withDescription("Write rollups (and, with timeseries.readings, raw readings) to a time-series store "
                    + "through its InfluxDB v2 write API (POST /api/v2/write)."));

    public static final ConfigOption<String> ENDPOINT = S.httpUrl(ConfigOptions.key("timeseries.endpoint")
            .stringType().noDefaultValue()
            .withDescription("http(s)://host:port of the store (a path prefix is allowed); required when "
                    + "timeseries.enabled is true."), "https://host:8086");

    public static final ConfigOption<String> ORG = S.text(ConfigOptions.key("timeseries.org")
            .stringType().defaultValue("")
            .withDescription("Organization (InfluxDB 2, Timestream for InfluxDB); left out of the request when "
                    + "empty."));

    public static final ConfigOption<String> BUCKET = S.text(ConfigOptions.key("timeseries.bucket")
            .stringType().noDefaultValue()
            .withDescription("Bucket (InfluxDB 2, Timestream for InfluxDB) or database (InfluxDB 3) to write to; "
                    + "required when timeseries.enabled is true."));

    public static final ConfigOption<String> TOKEN = S.text(ConfigOptions.key("timeseries.token")
            .stringType().defaultValue("")
            .withDescription("API token with write access, sent as 'Authorization: Token ...'; never logged. "
                    + "Empty: no Authorization header."));

    public static final ConfigOption<Precision> PRECISION = S.oneOf(ConfigOptions.key("timeseries.precision")
            .enumType(Precision.class).defaultValue(Precision.MS)
            .withDescription("Unit of the timestamps written (the write API's precision parameter)."),
            Precision.class);

    public static final ConfigOption<Boolean> READINGS = S.bool(ConfigOptions.key("timeseries.readings")
            .booleanType().defaultValue(false)
            .withDescription("Also write every valid reading (measurement readings, one field per metric), not "
                    + "only rollups."));

    public static final ConfigOption<Integer> MAX_POINTS = S.atLeast(ConfigOptions.key("timeseries.batch.max-points")
            .intType().defaultValue(5000)
            .withDescription("Points per write request."), 1);

    public static final ConfigOption<MemorySize> MAX_BYTES = S.size(ConfigOptions.key("timeseries.batch.max-bytes")
            .memoryType().defaultValue(MemorySize.ofMebiBytes(4))
            .withDescription("Bytes of line protocol per write request. A single line longer than this (or "
                    + "than 1 mb) is dropped and counted (metric timeseriesPointsSkipped)."), MemorySize.parse("1 kb"));

    public static final ConfigOption<Duration> MAX_DELAY = S.positive(ConfigOptions.key("timeseries.batch.max-delay")
            .durationType().defaultValue(Duration.ofSeconds(1))
            .withDescription("Longest a point waits for its batch to fill before it is sent."));

    public static final ConfigOption<Integer> MAX_IN_FLIGHT = S.atLeast(ConfigOptions.key("timeseries.max-in-flight")
            .intType().defaultValue(4)
            .withDescription("Write requests in flight per parallel sink; beyond them (and four batches of "
                    + "buffered points) the job is held back instead of buffering more."), 1);

    public static final ConfigOption<Duration> RETRY_TIMEOUT = S.positive(ConfigOptions.key("timeseries.retry-timeout")
            .durationType().defaultValue(Duration.ofMinutes(10))
            .withDescription("How long a store answering HTTP 408, 429 or 5xx, or unreachable, is retried "
                    + "(exponential backoff from 100 ms to 30 s) before the job fails. Other failures (400 bad line, "
                    + "401/403 token, 404 bucket) fail the job at once."));

    static final List<OptionSpec<?>> SPECS = S.list();

    /** A replay writes the store only when asked to. */
    private static final When WRITTEN = When.isTrue(ENABLED).and(When.written(ReplayOptions.WRITE_TIMESERIES));

    static final List<CrossRule> RULES = S.rules(
            Rules.requiredWhen(ENDPOINT, WRITTEN, "http(s)://host:port of the store").in(Command.PIPELINE),
            Rules.requiredWhen(BUCKET, WRITTEN, "the bucket (InfluxDB 2, Timestream for InfluxDB) or database "
                    + "(InfluxDB 3) to write to").in(Command.PIPELINE));
}
