package io.fleetstream.connectors.kinesis.sink.internal;

import java.io.Serializable;

/**
 * One record for PutRecords: partition key and data. An element that can never be put (too large, a bad key) is an
 * entry too, without its data but with the reason, so the writer counts and reports it when its batch is sent
 * instead of Flink's buffer failing the job on it.
 */
public final class KinesisEntry implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final byte[] NO_DATA = new byte[0];

    final String partitionKey;
    final byte[] data;
    /** Why the record is not sent, or null when it is. */
    final String rejection;
    /** What the record counts against the request and record limits: data plus the key's UTF-8 bytes. */
    final int sizeInBytes;
    /** Sends that failed so far; not checkpointed (a restored entry starts over). */
    transient int failedAttempts;

    private KinesisEntry(String partitionKey, byte[] data, String rejection, int sizeInBytes) {
        this.partitionKey = partitionKey;
        this.data = data;
        this.rejection = rejection;
        this.sizeInBytes = sizeInBytes;
    }

    static KinesisEntry of(String partitionKey, byte[] data, int sizeInBytes) {
        return new KinesisEntry(partitionKey, data, null, sizeInBytes);
    }

    static KinesisEntry rejected(String partitionKey, String rejection) {
        return new KinesisEntry(abbreviate(partitionKey), NO_DATA, rejection, 0);
    }

    public boolean isRejected() {
        return rejection != null;
    }

    public String partitionKey() {
        return partitionKey;
    }

    public byte[] data() {
        return data;
    }

    public String rejection() {
        return rejection;
    }

    private static String abbreviate(String s) {
        return s == null ? null : s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
