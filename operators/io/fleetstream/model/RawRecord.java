package io.fleetstream.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record as a source delivered it, before parsing: the bytes, where they came from, and when they were
 * ingested. Sources produce only this type so that parsing, validation and dead-lettering live in one place.
 */
public class RawRecord {
    /** UTF-8 JSON, as delivered. May be empty (a Kafka tombstone) but never null. */
    public byte[] payload;
    /** Position in the source, e.g. {@code kafka:telemetry/3@1842} or {@code file:/data/a.ndjson#12}. */
    public String source;
    /** Ingest time in epoch milliseconds: the broker's append time where the source has one. */
    public long ingestTime;

    public RawRecord() {}

    public RawRecord(byte[] payload, String source, long ingestTime) {
        this.payload = payload;
        this.source = source;
        this.ingestTime = ingestTime;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RawRecord)) {
            return false;
        }
        RawRecord that = (RawRecord) o;
        return ingestTime == that.ingestTime
                && Arrays.equals(payload, that.payload)
                && Objects.equals(source, that.source);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(source, ingestTime) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "RawRecord{" + source + ", " + (payload == null ? 0 : payload.length) + " bytes}";
    }
}
