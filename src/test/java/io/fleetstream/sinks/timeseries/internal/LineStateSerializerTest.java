package io.fleetstream.sinks.timeseries.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.junit.jupiter.api.Test;

class LineStateSerializerTest {

    private static RequestEntryWrapper<byte[]> entry(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return new RequestEntryWrapper<>(b, b.length == 0 ? 0 : b.length + 1);
    }

    @Test
    void bufferedLinesSurviveACheckpointByteForByte() throws Exception {
        List<String> lines = List.of("rollups,device_id=d\\ 1 count=3i 1", "", "readings,device_id=冷蔵 t=1.5 2");
        LineStateSerializer serializer = new LineStateSerializer();
        byte[] bytes = serializer.serialize(new BufferedRequestState<>(
                lines.stream().map(LineStateSerializerTest::entry).collect(Collectors.toList())));

        BufferedRequestState<byte[]> restored = serializer.deserialize(serializer.getVersion(), bytes);
        assertThat(restored.getBufferedRequestEntries()).extracting(
                e -> new String(e.getRequestEntry(), StandardCharsets.UTF_8)).containsExactlyElementsOf(lines);
        assertThat(restored.getBufferedRequestEntries()).extracting(RequestEntryWrapper::getSize)
                .containsExactly((long) lines.get(0).getBytes(StandardCharsets.UTF_8).length + 1, 0L,
                        (long) lines.get(2).getBytes(StandardCharsets.UTF_8).length + 1);
    }
}
