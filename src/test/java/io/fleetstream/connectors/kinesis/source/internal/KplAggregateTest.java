package io.fleetstream.connectors.kinesis.source.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.connectors.kinesis.source.KinesisRecord;
import io.fleetstream.connectors.kinesis.source.KplAggregates;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.AbstractMap.SimpleEntry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** KPL aggregates come apart into their user records; anything that only looks like one is passed on whole. */
class KplAggregateTest {
    private static final String SEQ = "49680497852428193488365684975773016269082590603861032962";

    private static List<KinesisRecord> userRecords(byte[] data) {
        return KplAggregate.userRecords(data, "outer-key", 1_700_000_000_000L, "shardId-000000000001", SEQ);
    }

    private static Map.Entry<String, byte[]> record(String key, String payload) {
        return new SimpleEntry<>(key, payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAggregateBecomesItsUserRecordsWithTheirOwnKeysAndSubSequenceNumbers() throws Exception {
        byte[] data = KplAggregates.aggregate(List.of(record("device-1", "a"), record("device-2", "b"),
                record("device-1", "c")));
        List<KinesisRecord> records = userRecords(data);
        assertThat(records).extracting(r -> new String(r.data(), StandardCharsets.UTF_8)).containsExactly("a", "b", "c");
        assertThat(records).extracting(KinesisRecord::partitionKey).containsExactly("device-1", "device-2", "device-1");
        assertThat(records).extracting(KinesisRecord::subSequenceNumber).containsExactly(0, 1, 2);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.sequenceNumber()).isEqualTo(SEQ);
            assertThat(r.arrivalTime()).isEqualTo(1_700_000_000_000L);
            assertThat(r.shardId()).isEqualTo("shardId-000000000001");
        });
        assertThat(records.get(2).position()).isEqualTo("shardId-000000000001@" + SEQ + ".2");
    }

    @Test
    void aRecordThatIsNoAggregateIsOneUserRecordWithoutSubSequenceNumber() {
        byte[] data = "{\"deviceId\":\"d-1\"}".getBytes(StandardCharsets.UTF_8);
        List<KinesisRecord> records = userRecords(data);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).data()).isEqualTo(data);
        assertThat(records.get(0).partitionKey()).isEqualTo("outer-key");
        assertThat(records.get(0).isAggregated()).isFalse();
        assertThat(records.get(0).position()).isEqualTo("shardId-000000000001@" + SEQ);
    }

    @Test
    void anAggregateWhoseChecksumDoesNotMatchIsPassedOnAsItIs() throws Exception {
        byte[] data = KplAggregates.aggregate(List.of(record("device-1", "a"), record("device-2", "b")));
        data[data.length - 1] ^= 1;
        List<KinesisRecord> records = userRecords(data);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).data()).isEqualTo(data);
        assertThat(records.get(0).isAggregated()).isFalse();
    }

    @Test
    void theMagicBytesWithAProtobufThatDoesNotParseArePassedOnAsTheyAre() throws Exception {
        byte[] good = KplAggregates.aggregate(List.of(record("device-1", "a")));
        // cut the protobuf short and give it a matching checksum: it checks out but does not parse
        byte[] body = Arrays.copyOfRange(good, 4, good.length - 16 - 1);
        byte[] data = new byte[4 + body.length + 16];
        System.arraycopy(good, 0, data, 0, 4);
        System.arraycopy(body, 0, data, 4, body.length);
        System.arraycopy(MessageDigest.getInstance("MD5").digest(body), 0, data, 4 + body.length, 16);
        List<KinesisRecord> records = userRecords(data);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).data()).isEqualTo(data);
    }
}
