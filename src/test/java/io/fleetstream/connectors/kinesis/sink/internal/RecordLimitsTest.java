package io.fleetstream.connectors.kinesis.sink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordLimitsTest {
    @Test
    void aRecordOfOneMebibyteCountingItsKeyFitsAndOneByteMoreDoesNot() {
        String key = "pump-é"; // 7 bytes in UTF-8
        KinesisEntry fits = RecordLimits.entry(key, new byte[RecordLimits.MAX_RECORD_BYTES - 7]);
        KinesisEntry over = RecordLimits.entry(key, new byte[RecordLimits.MAX_RECORD_BYTES - 6]);

        assertThat(fits.isRejected()).isFalse();
        assertThat(fits.sizeInBytes).isEqualTo(RecordLimits.MAX_RECORD_BYTES);
        assertThat(over.isRejected()).isTrue();
        assertThat(over.rejection()).contains("1048577 bytes");
        assertThat(over.data()).as("a rejected entry holds no data in the buffer or a checkpoint").isEmpty();
        assertThat(over.sizeInBytes).isZero();
    }

    @Test
    void partitionKeysMustBeOneTo256Characters() {
        byte[] data = "{}".getBytes(StandardCharsets.UTF_8);
        assertThat(RecordLimits.entry("k".repeat(256), data).isRejected()).isFalse();
        assertThat(RecordLimits.entry("k".repeat(257), data).rejection()).contains("257 characters");
        assertThat(RecordLimits.entry("k".repeat(257), data).partitionKey()).hasSizeLessThan(100);
        assertThat(RecordLimits.entry("", data).rejection()).contains("no partition key");
        assertThat(RecordLimits.entry(null, data).rejection()).contains("no partition key");
    }

    @Test
    void anElementTheSchemaMadeNothingOfIsNotSent() {
        assertThat(RecordLimits.entry("device-1", null).rejection()).contains("no data");
    }

    @Test
    void theConverterUsesTheSchemaAndTheKeyOfTheElement() {
        KinesisEntryConverter<String> converter = new KinesisEntryConverter<>(
                s -> s.toUpperCase().getBytes(StandardCharsets.UTF_8), s -> "key-" + s.length());
        KinesisEntry e = converter.apply("abc", null);

        assertThat(e.partitionKey()).isEqualTo("key-3");
        assertThat(new String(e.data(), StandardCharsets.UTF_8)).isEqualTo("ABC");
        assertThat(e.sizeInBytes).isEqualTo(3 + 5);
    }
}
