package io.fleetstream.connectors.kinesis.source.internal;

import io.fleetstream.connectors.aws.Backoff;
import io.fleetstream.connectors.kinesis.source.EnhancedFanOut;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerDescription;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamConsumerRequest;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * The stream consumer of an enhanced fan-out source: registered (job-managed) or looked up (self-managed), waited
 * for until it is ACTIVE, and deregistered. Calls block; the enumerator makes them on a worker thread.
 */
public final class StreamConsumers {
    private static final Logger LOG = LoggerFactory.getLogger(StreamConsumers.class);

    /**
     * How long a consumer may take to become ACTIVE, or to be gone after a deregistration: Kinesis takes seconds,
     * and allows five consumer calls a second per stream, shared with every other job's.
     */
    static final Duration CONSUMER_WAIT = Duration.ofMinutes(2);
    private static final Backoff DESCRIBE_BACKOFF = new Backoff(250, 2_000);

    private final KinesisAsyncClient client;
    private final String streamArn;
    private final EnhancedFanOut efo;
    private final Duration wait;

    public StreamConsumers(KinesisAsyncClient client, String streamArn, EnhancedFanOut efo) {
        this(client, streamArn, efo, CONSUMER_WAIT);
    }

    StreamConsumers(KinesisAsyncClient client, String streamArn, EnhancedFanOut efo, Duration wait) {
        this.client = client;
        this.streamArn = streamArn;
        this.efo = efo;
        this.wait = wait;
    }

    /**
     * The ARN of an ACTIVE consumer: a job-managed one registered first unless it is there already (a consumer
     * still being deleted, by this job's previous run, is waited out and registered again); a self-managed one must
     * exist.
     *
     * @throws IllegalStateException naming the consumer and the stream when it is missing or never becomes ACTIVE
     */
    public String prepare() throws Exception {
        if (efo.lifecycle() == EnhancedFanOut.ConsumerLifecycle.JOB_MANAGED) {
            return register();
        }
        return awaitActive();
    }

    /** The ARN of the ACTIVE consumer, waiting while it is being created; what readers ask before subscribing. */
    public String awaitActive() throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        for (int attempt = 1; ; attempt++) {
            ConsumerDescription d;
            try {
                d = describe();
            } catch (ResourceNotFoundException e) {
                throw new IllegalStateException("stream consumer '" + efo.consumer() + "' is not registered on "
                        + streamArn + (efo.lifecycle() == EnhancedFanOut.ConsumerLifecycle.SELF_MANAGED
                        ? ": a self-managed consumer must exist before the job starts (RegisterStreamConsumer), "
                                + "or let the job register it (job-managed)" : ""), e);
            } catch (LimitExceededException e) {
                d = null;
            }
            if (d != null && d.consumerStatus() == ConsumerStatus.ACTIVE) {
                return d.consumerARN();
            }
            if (d != null && d.consumerStatus() == ConsumerStatus.DELETING) {
                throw new IllegalStateException("stream consumer '" + efo.consumer() + "' of " + streamArn
                        + " is being deleted");
            }
            sleepUntilNext(attempt, deadline, "become ACTIVE");
        }
    }

    private String register() throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                String arn = Calls.await(client.registerStreamConsumer(b -> b.streamARN(streamArn)
                        .consumerName(efo.consumerName()))).consumer().consumerARN();
                LOG.info("Registered stream consumer {} on {}", arn, streamArn);
                return awaitActive();
            } catch (ResourceInUseException e) {
                // Registered already: by an earlier run of this job, or being deleted by one that stopped.
                ConsumerDescription d;
                try {
                    d = describe();
                } catch (ResourceNotFoundException gone) {
                    d = null;
                }
                if (d != null && d.consumerStatus() != ConsumerStatus.DELETING) {
                    LOG.info("Stream consumer {} is registered on {} already; reading through it", d.consumerARN(),
                            streamArn);
                    return awaitActive();
                }
            } catch (LimitExceededException e) {
                // five consumer calls a second per stream, and at most 20 consumers
                LOG.debug("Registering {} on {} throttled", efo.consumerName(), streamArn, e);
            }
            sleepUntilNext(attempt, deadline, "get registered");
        }
    }

    /** Best effort: a consumer left behind costs money but harms no reader, so a failure is logged, not thrown. */
    public void deregister(String consumerArn) {
        try {
            Calls.await(client.deregisterStreamConsumer(b -> b.consumerARN(consumerArn)));
            LOG.info("Deregistered stream consumer {}", consumerArn);
        } catch (ResourceNotFoundException e) {
            LOG.info("Stream consumer {} was deregistered already", consumerArn);
        } catch (Exception e) {
            LOG.warn("Cannot deregister stream consumer {}; it stays registered (and billed) until it is "
                    + "deregistered by hand or by this job's next run", consumerArn, e);
        }
    }

    private ConsumerDescription describe() throws Exception {
        DescribeStreamConsumerRequest request = efo.consumerArn() != null
                ? DescribeStreamConsumerRequest.builder().consumerARN(efo.consumerArn()).build()
                : DescribeStreamConsumerRequest.builder().streamARN(streamArn).consumerName(efo.consumerName()).build();
        return Calls.await(client.describeStreamConsumer(request)).consumerDescription();
    }

    private void sleepUntilNext(int attempt, long deadline, String what) throws InterruptedException {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("stream consumer '" + efo.consumer() + "' of " + streamArn
                    + " did not " + what + " within " + wait.getSeconds() + " s");
        }
        Thread.sleep(DESCRIBE_BACKOFF.delayMillis(attempt));
    }
}
