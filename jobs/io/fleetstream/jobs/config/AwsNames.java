package io.fleetstream.jobs.config;

import java.util.regex.Pattern;

/** The forms of AWS names options take, for the options' checks and for the code that takes them apart. */
public final class AwsNames {
    private AwsNames() {}

    /** eu-west-1, us-gov-west-1, ... */
    public static final String REGION = "[a-z]{2}(?:-[a-z]+)+-\\d+";

    /** Groups: 1 partition, 2 region, 3 account, 4 stream name. */
    public static final Pattern STREAM_ARN = Pattern.compile(
            "arn:(aws[a-z-]*):kinesis:(" + REGION + "):(\\d{12}):stream/([A-Za-z0-9_.-]{1,128})");

    public static final String STREAM_ARN_EXAMPLE = "a Kinesis stream ARN such as "
            + "arn:aws:kinesis:eu-west-1:123456789012:stream/telemetry";
}
