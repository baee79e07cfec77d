package io.fleetstream.jobs.internal;

import io.fleetstream.jobs.config.AwsNames;
import java.util.regex.Matcher;

/** A Kinesis stream ARN taken apart: region and name. */
public final class StreamArn {
    private final String arn;
    private final String region;
    private final String name;

    private StreamArn(String arn, String region, String name) {
        this.arn = arn;
        this.region = region;
        this.name = name;
    }

    /**
     * Takes apart the value of option {@code key}, which its declaration checked with the other options before the
     * job was built: a value that is not a stream ARN here is a configuration that skipped that check.
     */
    public static StreamArn parse(String value, String key) {
        Matcher m = AwsNames.STREAM_ARN.matcher(value == null ? "" : value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("option '" + key + "' holds no stream ARN ('" + value
                    + "'): the configuration was not checked for its command");
        }
        return new StreamArn(m.group(), m.group(2), m.group(4));
    }

    public String arn() {
        return arn;
    }

    public String region() {
        return region;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return arn;
    }
}
