package io.fleetstream.connectors.kinesis.source;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds KPL aggregated records as the KPL writes them: magic F3 89 9A C2, a protobuf {@code AggregatedRecord}
 * (a partition key table, an explicit hash key table, records with key indexes, data and tags), its MD5.
 */
public final class KplAggregates {
    private KplAggregates() {}

    /** An aggregate of (partition key, payload) records; records with one key share its table entry. */
    public static byte[] aggregate(List<Map.Entry<String, byte[]>> records) throws Exception {
        List<String> keys = new ArrayList<>();
        ByteArrayOutputStream pb = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> r : records) {
            if (!keys.contains(r.getKey())) {
                keys.add(r.getKey());
                field(pb, 1, r.getKey().getBytes(StandardCharsets.UTF_8));
            }
        }
        // an explicit hash key the source need not understand
        field(pb, 2, "170141183460469231731687303715884105728".getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> r : records) {
            ByteArrayOutputStream record = new ByteArrayOutputStream();
            varint(record, 1 << 3);
            varint(record, keys.indexOf(r.getKey()));
            varint(record, 2 << 3);
            varint(record, 0);
            field(record, 3, r.getValue());
            ByteArrayOutputStream tag = new ByteArrayOutputStream();
            field(tag, 1, "origin".getBytes(StandardCharsets.UTF_8));
            field(tag, 2, "test".getBytes(StandardCharsets.UTF_8));
            field(record, 4, tag.toByteArray());
            field(pb, 3, record.toByteArray());
        }
        byte[] body = pb.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2});
        out.write(body);
        out.write(MessageDigest.getInstance("MD5").digest(body));
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, int number, byte[] bytes) {
        varint(out, number << 3 | 2);
        varint(out, bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
