package io.fleetstream.jobs.commands;

import static io.fleetstream.jobs.config.KinesisSourceOptions.STREAM_ARN;

import io.fleetstream.connectors.kinesis.KinesisClients;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.internal.KinesisClientProperties;
import io.fleetstream.jobs.internal.StreamArn;
import io.fleetstream.jobs.sources.KinesisSources;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * Puts records on the source stream for {@code simulate --simulate.to kinesis}, in PutRecords batches, resending
 * the entries a shard throttled. Its client comes from the one factory every Kinesis source and sink uses, built
 * from the same client properties as the source.
 */
final class KinesisWriter implements AutoCloseable {
    private static final int MAX_RECORDS = 500;
    /** PutRecords takes 5 MB a call; a margin for keys and the request's JSON. */
    private static final int MAX_BYTES = 4 << 20;
    private static final int MAX_ATTEMPTS = 20;

    private final KinesisClients clients;
    private final StreamArn stream;
    private final List<PutRecordsRequestEntry> batch = new ArrayList<>(MAX_RECORDS);
    private int batchBytes;

    KinesisWriter(FleetConfig cfg) {
        stream = StreamArn.parse(cfg.get(STREAM_ARN), STREAM_ARN.key());
        String region = KinesisSources.region(cfg, stream);
        clients = KinesisClients.create(KinesisClientProperties.properties(cfg, region), region);
    }

    String streamName() {
        return stream.name();
    }

    void put(byte[] partitionKey, byte[] payload) throws InterruptedException {
        int bytes = partitionKey.length + payload.length;
        if (batch.size() == MAX_RECORDS || batchBytes + bytes > MAX_BYTES) {
            flush();
        }
        batch.add(PutRecordsRequestEntry.builder().partitionKey(new String(partitionKey,
                java.nio.charset.StandardCharsets.UTF_8)).data(SdkBytes.fromByteArray(payload)).build());
        batchBytes += bytes;
    }

    /** Sends the batch; throttled or failed entries are sent again, with backoff, in their order. */
    void flush() throws InterruptedException {
        List<PutRecordsRequestEntry> pending = new ArrayList<>(batch);
        batch.clear();
        batchBytes = 0;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<PutRecordsRequestEntry> entries = pending;
            PutRecordsResponse r = put(entries);
            if (r.failedRecordCount() == null || r.failedRecordCount() == 0) {
                return;
            }
            List<PutRecordsRequestEntry> failed = new ArrayList<>();
            String error = null;
            for (int i = 0; i < entries.size(); i++) {
                if (r.records().get(i).errorCode() != null) {
                    failed.add(entries.get(i));
                    error = r.records().get(i).errorCode() + ": " + r.records().get(i).errorMessage();
                }
            }
            if (attempt == MAX_ATTEMPTS) {
                throw new IllegalStateException(failed.size() + " records not accepted by " + stream.name()
                        + " after " + MAX_ATTEMPTS + " attempts; last error " + error);
            }
            Thread.sleep(Math.min(2_000L, 50L << Math.min(attempt, 6)));
            pending = failed;
        }
    }

    private PutRecordsResponse put(List<PutRecordsRequestEntry> entries) throws InterruptedException {
        try {
            return clients.client().putRecords(b -> b.streamARN(stream.arn()).records(entries)).get();
        } catch (ExecutionException e) {
            // the SDK's own exception (a missing stream, denied access) is the message the user needs
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException ? (RuntimeException) cause : new IllegalStateException(cause);
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            flush();
        } finally {
            clients.close();
        }
    }
}
