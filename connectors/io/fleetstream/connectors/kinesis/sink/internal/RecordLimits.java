package io.fleetstream.connectors.kinesis.sink.internal;

import java.nio.charset.StandardCharsets;

/** The PutRecords limits of Kinesis Data Streams, and the check that makes an element an entry. */
public final class RecordLimits {
    private RecordLimits() {}

    public static final int MAX_RECORDS_PER_REQUEST = 500;
    /** A whole request, partition keys included. */
    public static final long MAX_REQUEST_BYTES = 5L * 1024 * 1024;
    /** One record: data before base64 plus its partition key. */
    public static final int MAX_RECORD_BYTES = 1024 * 1024;
    /**
     * Kinesis counts Unicode characters; this counts UTF-16 units, one or two per character, so a key it accepts
     * Kinesis accepts too.
     */
    public static final int MAX_KEY_CHARS = 256;

    /** The entry for a serialized element, or a rejected one saying why it can never be put. */
    public static KinesisEntry entry(String partitionKey, byte[] data) {
        if (partitionKey == null || partitionKey.isEmpty()) {
            return KinesisEntry.rejected(partitionKey, "no partition key (Kinesis needs 1 to " + MAX_KEY_CHARS
                    + " characters)");
        }
        if (partitionKey.length() > MAX_KEY_CHARS) {
            return KinesisEntry.rejected(partitionKey, "a partition key of " + partitionKey.length()
                    + " characters (Kinesis takes at most " + MAX_KEY_CHARS + ")");
        }
        if (data == null) {
            return KinesisEntry.rejected(partitionKey, "the serialization schema returned no data");
        }
        long size = (long) data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_RECORD_BYTES) {
            return KinesisEntry.rejected(partitionKey, "a record of " + size + " bytes, data and partition key "
                    + "(Kinesis takes at most " + MAX_RECORD_BYTES + ")");
        }
        return KinesisEntry.of(partitionKey, data, (int) size);
    }
}
