package io.fleetstream.sinks.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetstream.model.DeadLetter;
import io.fleetstream.model.RawRecord;
import io.fleetstream.model.ReasonCode;
import io.fleetstream.operators.parse.ParseFunction;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeadLetterJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aDeadLetterIsOneJsonObjectWithTheLakeColumnsAndEscapedText() {
        DeadLetter d = new DeadLetter(ReasonCode.NO_USABLE_METRIC, "data has \"no\" value\n", "{\"a\":\"\\u0000\t\"}",
                "kafka:telemetry/1@42", 1_763_633_730_250L, "pumps", "pump-7");
        assertThat(new String(new DeadLetterJson().serialize(d), StandardCharsets.UTF_8)).isEqualTo(
                "{\"reason\":\"NO_USABLE_METRIC\",\"detail\":\"data has \\\"no\\\" value\\n\","
                        + "\"raw\":\"{\\\"a\\\":\\\"\\\\u0000\\t\\\"}\",\"source\":\"kafka:telemetry/1@42\","
                        + "\"ingest_time\":1763633730250,\"device_id\":\"pump-7\",\"device_group\":\"pumps\"}");
        assertThat(StreamFormat.DEAD_LETTERS.key(d)).isEqualTo("pump-7");
    }

    @Test
    void aBinaryPayloadBecomesValidUtf8JsonAndWithoutADeviceTheKeyIsTheSourcePosition() throws Exception {
        byte[] binary = {(byte) 0xC3, 0x28, (byte) 0xFF, 0x00, (byte) 0xE2, (byte) 0x82, 0x01, 'x'};
        DeadLetter d = ParseFunction.deadLetter(new RawRecord(binary, "kinesis:telemetry/shardId-000000000001@4960",
                7L), ReasonCode.MALFORMED_JSON, "bad", null, null, 4);
        // A lone surrogate is not something decoding produces, but a String can hold one.
        d.detail = "half a pair \uD83D";

        byte[] out = new DeadLetterJson().serialize(d);
        JsonNode node = JSON.readTree(strictUtf8(out));
        assertThat(node.get("reason").asText()).isEqualTo("MALFORMED_JSON");
        assertThat(node.get("raw").asText()).isEqualTo(new String(binary, 0, 4, StandardCharsets.UTF_8))
                .contains("\uFFFD", "\u0000");
        assertThat(node.get("detail").asText()).startsWith("half a pair ");
        assertThat(node.get("device_id").isNull()).isTrue();
        assertThat(node.get("device_group").asText()).isEqualTo(DeadLetter.UNKNOWN_GROUP);
        assertThat(node.get("ingest_time").asLong()).isEqualTo(7L);
        assertThat(StreamFormat.DEAD_LETTERS.key(d)).isEqualTo("kinesis:telemetry/shardId-000000000001@4960");
    }

    @Test
    void theKeyIsNeverEmptyNorLongerThanAKinesisPartitionKey() {
        DeadLetter d = new DeadLetter(ReasonCode.RECORD_TOO_LARGE, null, null, "s".repeat(300), 0L, null);
        assertThat(StreamFormat.DEAD_LETTERS.key(d)).hasSize(256);
        d.source = "";
        assertThat(StreamFormat.DEAD_LETTERS.key(d)).isEqualTo("RECORD_TOO_LARGE");
    }

    @Test
    void aRawPayloadTooLargeForAKinesisRecordIsCutToFitAndSaysSo() throws Exception {
        // Control characters take six bytes each as JSON escapes; a smiley is a surrogate pair, four bytes.
        String raw = ("\u0001\uD83D\uDE00abc").repeat(200_000);
        DeadLetter d = new DeadLetter(ReasonCode.RECORD_TOO_LARGE, "too large", raw, "s".repeat(300), 7L, "pumps",
                "p".repeat(256));

        byte[] out = new DeadLetterJson().serialize(d);
        JsonNode node = JSON.readTree(strictUtf8(out));
        int keyBytes = StreamFormat.DEAD_LETTERS.key(d).getBytes(StandardCharsets.UTF_8).length;
        assertThat(out.length + keyBytes).isLessThanOrEqualTo(1024 * 1024);
        assertThat(out.length).as("cut no more than it must").isGreaterThan(DeadLetterJson.MAX_BYTES - 1024);
        assertThat(node.get("raw_truncated").asBoolean()).isTrue();
        assertThat(raw).startsWith(node.get("raw").asText());
        assertThat(node.get("source").asText()).hasSize(300);
        assertThat(node.get("detail").asText()).isEqualTo("too large");
    }

    @Test
    void aDeadLetterThatFitsHasNoTruncationField() throws Exception {
        DeadLetter d = new DeadLetter(ReasonCode.MALFORMED_JSON, "bad", "x".repeat(DeadLetterJson.MAX_BYTES - 200),
                "src", 7L, null);
        JsonNode node = JSON.readTree(new DeadLetterJson().serialize(d));
        assertThat(node.has("raw_truncated")).isFalse();
        assertThat(node.get("raw").asText()).isEqualTo(d.raw);
    }

    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }
}
