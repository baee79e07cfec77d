package io.fleetstream.connectors.kinesis.source;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reading with enhanced fan-out: each shard is pushed to the source over one SubscribeToShard subscription of a
 * registered stream consumer, with 2 MB/s a shard of its own, instead of polled with GetRecords, whose 5 calls and
 * 2 MB a second per shard every polling consumer of the stream shares.
 */
public final class EnhancedFanOut implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Kinesis' own rules for a consumer name. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
    private static final Pattern ARN = Pattern.compile(
            "arn:aws[\\w-]*:kinesis:[\\w-]+:\\d{12}:stream/[\\w.-]+/consumer/[a-zA-Z0-9_.-]{1,128}:\\d+");
    public static final Duration DEFAULT_SUBSCRIPTION_TIMEOUT = Duration.ofSeconds(60);
    /** What {@link #isConsumerName} accepts, in words. */
    public static final String CONSUMER_NAME_FORM = "1 to 128 letters, digits, '_', '.' or '-'";
    /** What {@link #isConsumerArn} accepts, in words. */
    public static final String CONSUMER_ARN_FORM =
            "arn:aws:kinesis:<region>:<account>:stream/<stream>/consumer/<name>:<creation time>";

    /** Who registers the stream consumer and removes it. */
    public enum ConsumerLifecycle {
        /**
         * The source registers the consumer when the job starts (or finds it registered) and deregisters it when
         * its enumerator closes: the job finished or was cancelled, or a global failover restarts it (which
         * registers it again). A JobManager that dies leaves the consumer behind; the next start uses it.
         */
        JOB_MANAGED,
        /** The consumer exists before the job starts (infrastructure as code) and outlives it. */
        SELF_MANAGED
    }

    private final ConsumerLifecycle lifecycle;
    private final String consumerName;
    private final String consumerArn;
    private final Duration subscriptionTimeout;

    private EnhancedFanOut(ConsumerLifecycle lifecycle, String consumerName, String consumerArn,
            Duration subscriptionTimeout) {
        this.lifecycle = lifecycle;
        this.consumerName = consumerName;
        this.consumerArn = consumerArn;
        this.subscriptionTimeout = subscriptionTimeout;
    }

    /**
     * A consumer of this name that the job registers and deregisters. One name per job: a second job with the same
     * name would share the consumer's throughput, and the first to stop would take it from the other.
     */
    public static EnhancedFanOut jobManaged(String consumerName) {
        return new EnhancedFanOut(ConsumerLifecycle.JOB_MANAGED, name(consumerName), null,
                DEFAULT_SUBSCRIPTION_TIMEOUT);
    }

    /** A consumer of this name that must be registered on the stream already. */
    public static EnhancedFanOut selfManaged(String consumerName) {
        return new EnhancedFanOut(ConsumerLifecycle.SELF_MANAGED, name(consumerName), null,
                DEFAULT_SUBSCRIPTION_TIMEOUT);
    }

    /**
     * A registered consumer given by its ARN,
     * {@code arn:aws:kinesis:<region>:<account>:stream/<stream>/consumer/<name>:<creation time>}.
     */
    public static EnhancedFanOut consumerArn(String consumerArn) {
        if (!isConsumerArn(consumerArn)) {
            throw new IllegalArgumentException("invalid stream consumer ARN '" + consumerArn + "': expected "
                    + CONSUMER_ARN_FORM);
        }
        return new EnhancedFanOut(ConsumerLifecycle.SELF_MANAGED, null, consumerArn, DEFAULT_SUBSCRIPTION_TIMEOUT);
    }

    /**
     * How long a subscription may take to be established before it is given up and tried again; default 60 s.
     * Once established, a subscription lasts five minutes and is renewed where it ended.
     */
    public EnhancedFanOut subscriptionTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the subscription timeout must be positive: " + timeout);
        }
        return new EnhancedFanOut(lifecycle, consumerName, consumerArn, timeout);
    }

    private static String name(String consumerName) {
        if (!isConsumerName(consumerName)) {
            throw new IllegalArgumentException("invalid stream consumer name '" + consumerName + "': expected "
                    + CONSUMER_NAME_FORM);
        }
        return consumerName;
    }

    public static boolean isConsumerName(String s) {
        return s != null && NAME.matcher(s).matches();
    }

    public static boolean isConsumerArn(String s) {
        return s != null && ARN.matcher(s).matches();
    }

    public ConsumerLifecycle lifecycle() {
        return lifecycle;
    }

    /** Null when the consumer is given by its ARN. */
    public String consumerName() {
        return consumerName;
    }

    /** Null when the consumer is given by its name. */
    public String consumerArn() {
        return consumerArn;
    }

    public Duration subscriptionTimeout() {
        return subscriptionTimeout;
    }

    /** The consumer, by whichever of name and ARN it was given, for messages. */
    public String consumer() {
        return consumerArn != null ? consumerArn : consumerName;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EnhancedFanOut)) {
            return false;
        }
        EnhancedFanOut that = (EnhancedFanOut) o;
        return lifecycle == that.lifecycle && Objects.equals(consumerName, that.consumerName)
                && Objects.equals(consumerArn, that.consumerArn) && subscriptionTimeout.equals(that.subscriptionTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lifecycle, consumerName, consumerArn, subscriptionTimeout);
    }

    @Override
    public String toString() {
        return "enhanced fan-out, " + lifecycle.name().toLowerCase(Locale.ROOT).replace('_', '-')
                + " consumer " + consumer();
    }
}
