package io.fleetstream.jobs.internal;

import io.fleetstream.jobs.config.AwsNames;
import io.fleetstream.jobs.config.ConfigException;
import java.util.regex.Matcher;

/** A Kinesis stream ARN, checked when the job is defined so that a typo fails at start-up with the key named. */
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
     * Parses the value of option {@code key}. Options declared with their form (the event streams') are checked
     * with the others before the job is built; this check stays for those that are not (source.kinesis.stream-arn).
     */
    public static StreamArn parse(String value, String key) {
        Matcher m = AwsNames.STREAM_ARN.matcher(value.trim());
        if (!m.matches()) {
            throw new ConfigException("invalid value '" + value + "' for option '" + key + "': expected "
                    + AwsNames.STREAM_ARN_EXAMPLE);
        }
        return new StreamArn(m.group(), m.group(2), m.group(4));
    }

    /** Checks the value of option {@code key} names a region (eu-west-1, us-gov-west-1, ...). */
    public static String region(String value, String key) {
        String region = value.trim();
        if (!region.matches(AwsNames.REGION)) {
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
