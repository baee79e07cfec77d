package io.fleetstream.operators.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.RawRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventTimeScannerTest {

    private static long scan(String json) {
        return EventTimeScanner.scan(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void findsEpochMillisAndIsoTimestampsLikeTheParser() {
        assertThat(scan("{\"deviceId\":\"d\",\"timestamp\":1763633730250,\"data\":{}}")).isEqualTo(1763633730250L);
        assertThat(scan("{\"timestamp\" : \"2025-11-20T11:15:30.250+01:00\"}")).isEqualTo(1763633730250L);
        assertThat(scan("{\"timestamp\":\"1763633730250\"}")).isEqualTo(1763633730250L);
    }

    @Test
    void takesTheEarliestReadingOfABundle() {
        assertThat(scan("{\"readings\":[{\"timestamp\":1763633790000},{\"timestamp\":1763633730000}]}"))
                .isEqualTo(1763633730000L);
    }

    @Test
    void skipsTimesOfABundleThatTheParserRefuses() {
        assertThat(scan("{\"readings\":[{\"timestamp\":1763633730},{\"timestamp\":\"1999-12-31T23:00:00Z\"},"
                + "{\"timestamp\":1763633790000}]}")).isEqualTo(1763633790000L);
    }

    @Test
    void reportsNothingWhenThereIsNoUsableTimestamp() {
        assertThat(scan("{\"deviceId\":\"d\"}")).isEqualTo(Long.MIN_VALUE);
        assertThat(scan("{\"timestamp\":\"noon\"}")).isEqualTo(Long.MIN_VALUE);
        assertThat(scan("{\"timestamp\":")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aClockFarInTheFutureDoesNotMoveTheWatermark() {
        RawRecordWatermarks.Assigner assigner = new RawRecordWatermarks.Assigner(Duration.ofHours(1).toMillis());
        long ingest = 1_763_633_730_000L;
        byte[] future = "{\"timestamp\":1863633730000}".getBytes(StandardCharsets.UTF_8);
        byte[] seconds = "{\"timestamp\":1763633730}".getBytes(StandardCharsets.UTF_8);
        assertThat(assigner.extractTimestamp(new RawRecord(future, "t", ingest), 0L)).isEqualTo(Long.MIN_VALUE);
        assertThat(assigner.extractTimestamp(new RawRecord(seconds, "t", ingest), 0L)).isEqualTo(Long.MIN_VALUE);
    }
}
