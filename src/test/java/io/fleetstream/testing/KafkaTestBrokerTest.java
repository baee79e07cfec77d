package io.fleetstream.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KafkaTestBrokerTest {
    /** One base64url id in 64 starts with '-'; CI once failed on exactly that. */
    @Test
    void clusterIdsNeverLookLikeFlags() {
        for (int i = 0; i < 5_000; i++) {
            String id = KafkaTestBroker.clusterId();
            assertThat(id).hasSize(22).doesNotStartWith("-");
        }
    }
}
