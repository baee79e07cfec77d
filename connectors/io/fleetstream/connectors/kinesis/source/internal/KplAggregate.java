package io.fleetstream.connectors.kinesis.source.internal;

import io.fleetstream.connectors.kinesis.source.KinesisRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The user records of a Kinesis record, which the KPL may have packed many into: magic bytes F3 89 9A C2, a
 * protobuf {@code AggregatedRecord} (partition_key_table = 1, explicit_hash_key_table = 2, records = 3, each
 * {@code Record} with partition_key_index = 1, explicit_hash_key_index = 2, data = 3, tags = 4), then the MD5 of
 * the protobuf bytes. A record that does not check out (no magic, a wrong MD5, a protobuf that does not parse) is
 * a user record of its own, as the KCL has it: a producer may well send bytes that start with the magic.
 */
public final class KplAggregate {
    private static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    private static final int MD5_LENGTH = 16;

    private KplAggregate() {}

    /** The user records of one Kinesis record, with sub-sequence numbers when it was an aggregate. */
    public static List<KinesisRecord> userRecords(byte[] data, String partitionKey, long arrivalTime, String shardId,
            String sequenceNumber) {
        List<KinesisRecord> subRecords = isAggregate(data) ? parse(data, arrivalTime, shardId, sequenceNumber) : null;
        if (subRecords == null) {
            List<KinesisRecord> one = new ArrayList<>(1);
            one.add(new KinesisRecord(data, partitionKey, arrivalTime, shardId, sequenceNumber, -1));
            return one;
        }
        return subRecords;
    }

    private static boolean isAggregate(byte[] data) {
        if (data.length < MAGIC.length + MD5_LENGTH) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (data[i] != MAGIC[i]) {
                return false;
            }
        }
        byte[] md5 = md5(data, MAGIC.length, data.length - MD5_LENGTH);
        return Arrays.equals(md5, 0, MD5_LENGTH, data, data.length - MD5_LENGTH, data.length);
    }

    private static byte[] md5(byte[] data, int from, int to) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(data, from, to - from);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** Null when the protobuf does not parse or refers to keys it does not have. */
    private static List<KinesisRecord> parse(byte[] data, long arrivalTime, String shardId, String sequenceNumber) {
        Protobuf in = new Protobuf(data, MAGIC.length, data.length - MD5_LENGTH);
        List<String> keys = new ArrayList<>();
        List<Long> keyIndexes = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        try {
            while (in.hasMore()) {
                int tag = in.varintAsInt();
                if (tag == (1 << 3 | Protobuf.LENGTH_DELIMITED)) {
                    keys.add(in.string());
                } else if (tag == (3 << 3 | Protobuf.LENGTH_DELIMITED)) {
                    Protobuf record = in.message();
                    long keyIndex = -1;
                    byte[] payload = null;
                    while (record.hasMore()) {
                        int field = record.varintAsInt();
                        if (field == (1 << 3 | Protobuf.VARINT)) {
                            keyIndex = record.varint();
                        } else if (field == (3 << 3 | Protobuf.LENGTH_DELIMITED)) {
                            payload = record.bytes();
                        } else {
                            record.skip(field & 7);
                        }
                    }
                    if (keyIndex < 0 || payload == null) {
                        return null;
                    }
                    keyIndexes.add(keyIndex);
                    payloads.add(payload);
                } else {
                    // explicit hash keys (2) and fields of later versions: not needed to hand records on
                    in.skip(tag & 7);
                }
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        List<KinesisRecord> records = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            long k = keyIndexes.get(i);
            if (k >= keys.size()) {
                return null;
            }
            records.add(new KinesisRecord(payloads.get(i), keys.get((int) k), arrivalTime, shardId, sequenceNumber,
                    i));
        }
        return records;
    }

    /** Just enough of the protobuf wire format to read an aggregate; malformed input throws IllegalArgumentException. */
    static final class Protobuf {
        static final int VARINT = 0;
        static final int FIXED64 = 1;
        static final int LENGTH_DELIMITED = 2;
        static final int FIXED32 = 5;

        private final byte[] buf;
        private int pos;
        private final int limit;

        Protobuf(byte[] buf, int from, int limit) {
            this.buf = buf;
            this.pos = from;
            this.limit = limit;
        }

        boolean hasMore() {
            return pos < limit;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = next();
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("varint longer than ten bytes");
        }

        int varintAsInt() {
            long v = varint();
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("field tag out of range");
            }
            return (int) v;
        }

        byte[] bytes() {
            int n = length();
            byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return out;
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        Protobuf message() {
            int n = length();
            Protobuf m = new Protobuf(buf, pos, pos + n);
            pos += n;
            return m;
        }

        void skip(int wireType) {
            switch (wireType) {
                case VARINT:
                    varint();
                    break;
                case FIXED64:
                    advance(8);
                    break;
                case LENGTH_DELIMITED:
                    advance(length());
                    break;
                case FIXED32:
                    advance(4);
                    break;
                default:
                    throw new IllegalArgumentException("unsupported wire type " + wireType);
            }
        }

        private int length() {
            long n = varint();
            if (n < 0 || n > limit - pos) {
                throw new IllegalArgumentException("length past the end");
            }
            return (int) n;
        }

        private void advance(int n) {
            if (n > limit - pos) {
                throw new IllegalArgumentException("field past the end");
            }
            pos += n;
        }

        private byte next() {
            if (pos >= limit) {
                throw new IllegalArgumentException("truncated");
            }
            return buf[pos++];
        }
    }
}
