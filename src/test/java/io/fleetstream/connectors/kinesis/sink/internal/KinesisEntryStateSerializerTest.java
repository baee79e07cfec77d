package io.fleetstream.connectors.kinesis.sink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.junit.jupiter.api.Test;

class KinesisEntryStateSerializerTest {
    @Test
    void bufferedEntriesComeBackFromACheckpointAsTheyWent() throws Exception {
        List<RequestEntryWrapper<KinesisEntry>> entries = new ArrayList<>();
        for (KinesisEntry e : List.of(RecordLimits.entry("pump-ü", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)),
                RecordLimits.entry("x", new byte[0]), RecordLimits.entry("", new byte[3]))) {
            entries.add(new RequestEntryWrapper<>(e, e.sizeInBytes));
        }
        KinesisEntryStateSerializer serializer = new KinesisEntryStateSerializer();

        BufferedRequestState<KinesisEntry> back = serializer.deserialize(serializer.getVersion(),
                serializer.serialize(new BufferedRequestState<>(entries)));

        assertThat(back.getBufferedRequestEntries()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            KinesisEntry was = entries.get(i).getRequestEntry();
            KinesisEntry is = back.getBufferedRequestEntries().get(i).getRequestEntry();
            assertThat(is.partitionKey()).isEqualTo(was.partitionKey());
            assertThat(is.data()).isEqualTo(was.data());
            assertThat(is.rejection()).isEqualTo(was.rejection());
            assertThat(is.sizeInBytes).isEqualTo(was.sizeInBytes);
        }
        assertThat(back.getBufferedRequestEntries().get(2).getRequestEntry().isRejected()).isTrue();
        assertThat(back.getStateSize()).isEqualTo(new BufferedRequestState<>(entries).getStateSize());
    }
}
