package io.fleetstream.operators.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.DeadLetter;
import io.fleetstream.model.RawRecord;
import io.fleetstream.model.ReasonCode;
import java.nio.charset.StandardCharsets;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ParseFunctionTest {

    @Test
    void deadLetterKeepsReasonSourcePositionAndTruncatedPayload() throws Exception {
        ParseSettings settings = new ParseSettings(1 << 20, 3_600_000L, 16, "default");
        try (OneInputStreamOperatorTestHarness<RawRecord, io.fleetstream.model.Reading> h =
                ProcessFunctionTestHarnesses.forProcessFunction(new ParseFunction(settings))) {
            byte[] bad = "{\"deviceId\":\"d1\",\"deviceGroup\":\"g\",\"timestamp\":\"soon\",\"data\":{\"t\":1}}"
                    .getBytes(StandardCharsets.UTF_8);
            h.processElement(new RawRecord(bad, "kafka:telemetry/3@1842", 1_763_640_000_000L), 0L);

            assertThat(h.extractOutputValues()).isEmpty();
            DeadLetter d = h.getSideOutput(ParseFunction.DEAD_LETTERS).poll().getValue();
            assertThat(d.reason).isEqualTo(ReasonCode.BAD_TIMESTAMP.name());
            assertThat(d.source).isEqualTo("kafka:telemetry/3@1842");
            assertThat(d.deviceGroup).isEqualTo("g");
            assertThat(d.raw).isEqualTo("{\"deviceId\":\"d1\"");
            assertThat(d.detail).contains("raw truncated to 16 of " + bad.length + " bytes");
            assertThat(d.ingestTime).isEqualTo(1_763_640_000_000L);
        }
    }

    @Test
    void emptyPayloadIsAMalformedDeadLetterWithUnknownGroup() throws Exception {
        try (OneInputStreamOperatorTestHarness<RawRecord, io.fleetstream.model.Reading> h =
                ProcessFunctionTestHarnesses.forProcessFunction(new ParseFunction(ParseSettings.defaults()))) {
            h.processElement(new RawRecord(new byte[0], "kafka:t/0@1", 5L), 0L);
            DeadLetter d = h.getSideOutput(ParseFunction.DEAD_LETTERS).poll().getValue();
            assertThat(d.reason).isEqualTo("MALFORMED_JSON");
            assertThat(d.deviceGroup).isEqualTo(DeadLetter.UNKNOWN_GROUP);
        }
    }
}
