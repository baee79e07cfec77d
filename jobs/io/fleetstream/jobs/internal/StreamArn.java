package io.fleetstream.jobs.internal;

import io.fleetstream.jobs.config.ConfigException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Kinesis stream ARN, checked when the job is defined so that a typo fails at start-up with the key named. */
public final class StreamArn {
    private static final String REGION = "[a-z]{2}(?:-[a-z]+)+-\\d+";
    private static final Pattern ARN = Pattern.compile(
            "arn:(aws[a-z-]*):kinesis:(" + REGION + "):(\\d{12}):stream/([A-Za-z0-9_.-]{1,128})");

    private final String arn;
    private final String region;
    private final String name;

    private StreamArn(String arn, String region, String name) {
        this.arn = arn;
        this.region = region;
        this.name = name;
    }

    /** Parses the value of option {@code key}. */
    public static StreamArn parse(String value, String key) {
        Matcher m = ARN.matcher(value.trim());
        if (!m.matches()) {
            throw new ConfigException("invalid value '" + value + "' for option '" + key + "': expected a Kinesis "
                    + "stream ARN such as arn:aws:kinesis:eu-west-1:123456789012:stream/telemetry");
        }
        return new StreamArn(m.group(), m.group(2), m.group(4));
    }

    /** Checks the value of option {@code key} names a region (eu-west-1, us-gov-west-1, ...). */
    public static String region(String value, String key) {
        String region = value.trim();
        if (!region.matches(REGION)) {
            throw new ConfigException("invalid value '" + value + "' for option '" + key
                    + "': expected an AWS region such as eu-west-1");
        }
        return region;
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
